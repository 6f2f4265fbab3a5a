-- Erasure: a purchase's revisions are found by the buyer they were made for, even after the
-- purchase moved to another customer (the snapshot keeps who it was).
CREATE INDEX purchase_revision_customer ON purchase_revision(json_extract(before, '$.customer_id'));
