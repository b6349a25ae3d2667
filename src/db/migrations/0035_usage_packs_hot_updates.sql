-- Issue 12: every usage batch adds to the pack counters of the lines it names, an update per
-- (line, period, kind). At the default fillfactor (100) each update needs a new page and a new
-- index entry; with room left on the page it is a HOT update (measured: a third of the WAL of a
-- batch's counter upsert). Applies to pages written from now on.
alter table usage_packs set (fillfactor = 70);
