-- A manager's approval at the counter (issue 18): who approved, with their PIN, a return
-- outside the policy made by an account without `override_policy` (NULL: the account held it),
-- and whether a goodwill gesture's approver was confirmed by PIN rather than typed.
ALTER TABLE return_case ADD COLUMN approved_by TEXT;
ALTER TABLE goodwill ADD COLUMN pin_approved INTEGER NOT NULL DEFAULT 0;
