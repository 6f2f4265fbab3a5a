-- Issue 17, the nightly pass: it reads only the lots lapsing since its last run (and those
-- written since), not every lot ever lapsed, so a night's work follows that night's lots.
CREATE INDEX point_entry_lapse ON point_entry(expires_on, customer_id)
    WHERE expires_on IS NOT NULL AND points > 0;

-- The nightly re-rank sums every live sale of the last 12 months by customer: with the total in
-- the index of live sales by day it reads that index alone, not a sale row per sale.
DROP INDEX purchase_live_sold;
CREATE INDEX purchase_live_sold ON purchase(sold_at, customer_id, total)
    WHERE voided_at IS NULL AND customer_id IS NOT NULL;

-- A void gives back the credit a sale spent, and a sale's buyer is fixed once its ledgers moved:
-- both find a sale's credit entries.
CREATE INDEX credit_entry_purchase ON credit_entry(purchase_id) WHERE purchase_id IS NOT NULL;
