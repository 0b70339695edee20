/**
 * Time worked on projects: timers (one per person), time records with their rounding and audit trail, and the cost
 * lines an execution leaves on its project. Depends on the migrations' jOOQ classes and the JDK.
 */
package dev.clarity.crm.time;
