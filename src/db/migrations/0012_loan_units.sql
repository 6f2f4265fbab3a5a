-- A claim's loan unit as a loan: the day it went out and the day it came back. A claim that
-- named a loan unit before this lent it on the day it was received; a closed one took it back
-- on the day it closed (the slip says so).
ALTER TABLE claim ADD COLUMN loan_lent_on TEXT;
ALTER TABLE claim ADD COLUMN loan_returned_on TEXT;
UPDATE claim SET loan_lent_on = received_on WHERE loan_unit <> '';
UPDATE claim SET loan_returned_on = closed_on WHERE loan_unit <> '' AND closed_on IS NOT NULL;
