-- An issued credit note is sent to QuickBooks as a CreditMemo, through the same outbox as invoices.
alter table quickbooks_outbox drop constraint quickbooks_outbox_kind_check;
alter table quickbooks_outbox add constraint quickbooks_outbox_kind_check
    check (kind in ('customer', 'invoice', 'sales_receipt', 'credit_memo'));
