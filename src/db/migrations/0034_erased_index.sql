-- Issue 15, the join: a pull asks once a batch whether anyone here is erased at all. With
-- nobody erased (most stores, and every store that has just joined) no change it applies needs
-- its customer, and the one she was merged into, looked up to blank what it carries.
CREATE INDEX customer_erased ON customer(id) WHERE erased_at IS NOT NULL;
