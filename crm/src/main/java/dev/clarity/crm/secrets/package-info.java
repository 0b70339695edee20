/**
 * How the CRM keeps secrets at rest (QuickBooks tokens, provider keys, the link tokens in queued mail): the
 * {@link dev.clarity.crm.secrets.SecretSealer} seam and its AES-GCM implementation, whose key the composition root
 * reads. JDK only.
 */
package dev.clarity.crm.secrets;
