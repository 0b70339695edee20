/** Load figures for billing: drafting a large invoice and the billable-hours report API over a million records. */
package dev.clarity.benchmarks.billing;
