/**
 * Contact lists for campaigns: reading an uploaded CSV (BOM, separator and charset found out), mapping its columns,
 * a dry run that judges every row before anything is saved, the import itself (deduplicated by address, suppressed
 * addresses left out) and the suppression list. Depends on the migrations' jOOQ classes, Commons CSV and the JDK.
 */
package dev.clarity.crm.contacts;
