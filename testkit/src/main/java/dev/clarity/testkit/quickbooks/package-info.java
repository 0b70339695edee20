/**
 * A stateful fake of QuickBooks Online (OAuth 2.0 token endpoint, the Accounting API's customer, invoice, sales
 * receipt, payment and query resources, webhook payloads) for adapter and browser tests. Test scope only.
 */
package dev.clarity.testkit.quickbooks;
