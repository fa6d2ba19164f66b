-- Where the money went (a sort code and account number, or a wallet), beside the caller number: the two
-- identifiers that tie phone-fraud reports together. Both are searched and compared by a key that the
-- database derives itself, so every writer (import, rollback) keeps it right without being told.
-- The keys are callerNumberKey and payeeAccountKey of packages/shared/src/identifiers.ts, written in SQL.

ALTER TABLE incidents ADD COLUMN payee_account TEXT CHECK (payee_account IS NULL OR length(payee_account) BETWEEN 1 AND 100);

-- The caller number without the separators people type ("020 7946-0123", "(020) 7946 0123", "+44 …").
ALTER TABLE incidents ADD COLUMN caller_digits TEXT GENERATED ALWAYS AS (
  replace(replace(replace(replace(replace(replace(caller_number, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
) VIRTUAL;

-- 6 to any number of digits, the UK country code written as a leading 0; no key for "withheld" or text.
ALTER TABLE incidents ADD COLUMN caller_key TEXT GENERATED ALWAYS AS (
  CASE
    WHEN length(caller_digits) < 6 OR caller_digits GLOB '*[^0-9]*' THEN NULL
    WHEN caller_digits GLOB '0044*' THEN '0' || substr(caller_digits, 5)
    WHEN caller_digits GLOB '44*' AND length(caller_digits) = 12 THEN '0' || substr(caller_digits, 3)
    ELSE caller_digits
  END
) VIRTUAL;

-- The account without spaces, ASCII letters upper-cased (upper() folds ASCII only, as the key does).
ALTER TABLE incidents ADD COLUMN payee_key TEXT GENERATED ALWAYS AS (upper(replace(payee_account, ' ', ''))) VIRTUAL;

-- Searches and link views look reports up by these keys; the index on the number as typed served nothing.
DROP INDEX incidents_by_caller;
CREATE INDEX incidents_by_caller_key ON incidents (caller_key) WHERE caller_key IS NOT NULL;
CREATE INDEX incidents_by_payee_key ON incidents (payee_key) WHERE payee_key IS NOT NULL;
