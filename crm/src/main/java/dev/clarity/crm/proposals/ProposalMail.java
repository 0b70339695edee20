package dev.clarity.crm.proposals;

/**
 * The model of the proposal mails ({@code mail/{html,text}/proposal.jte}: the link to the client, the decision to
 * the manager): a greeting, one sentence of what happened, a link and a note.
 */
public record ProposalMail(String subject, String greeting, String lead, String link, String note) {}
