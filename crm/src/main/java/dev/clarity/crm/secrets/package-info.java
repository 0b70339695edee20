/** How the CRM keeps secrets at rest (QuickBooks tokens): a sealer the composition root provides. JDK only. */
package dev.clarity.crm.secrets;
