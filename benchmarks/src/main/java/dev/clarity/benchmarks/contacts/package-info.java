/** How fast a contact list fills from a CSV: read, dry run and import of 10,000 rows into PostgreSQL. */
package dev.clarity.benchmarks.contacts;
