-- How many times a load was started: a load cut short again and again (a file that crashes or
-- stalls the process) is given up after a few attempts instead of holding the queue forever.
ALTER TABLE datastore.loads ADD COLUMN attempts integer NOT NULL DEFAULT 0;
