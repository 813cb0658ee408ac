-- 0002: saved allocation formulas. Saving a name again adds a version;
-- versions are never updated or deleted, so a shared link always shows
-- the document that produced it. Names and documents are user text,
-- stored verbatim.

CREATE TABLE formulas (
	name       text NOT NULL,
	version    integer NOT NULL CHECK (version >= 1),
	document   text NOT NULL,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (name, version)
);
