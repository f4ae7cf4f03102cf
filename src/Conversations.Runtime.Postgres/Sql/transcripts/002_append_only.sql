-- Transcripts are append-only: what the customer and the agent were told is never rewritten or removed by the
-- application, and a statement-level trigger makes sure nothing else does it by accident either. It refuses
-- UPDATE, DELETE and TRUNCATE once per statement; INSERT fires nothing, so group commit pays nothing for it.
-- Gaps are refused by the writer's INSERT (each session's first seq of a batch must follow a stored one).
-- A retention job that must delete old sessions drops or disables the trigger explicitly, in its own transaction.
CREATE OR REPLACE FUNCTION transcripts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'transcripts is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;

DROP TRIGGER IF EXISTS transcripts_append_only ON transcripts;

CREATE TRIGGER transcripts_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON transcripts
    FOR EACH STATEMENT EXECUTE FUNCTION transcripts_refuse_change();
