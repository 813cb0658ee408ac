-- 0001: the evidence base. Times are UTC text of fixed width
-- (2006-01-02T15:04:05.000000Z) so that they compare as times do.
-- Everything a dataset contributes references datasets(id), so replacing
-- or removing a dataset deletes cleanly.

CREATE TABLE datasets (
	id          TEXT PRIMARY KEY,
	title       TEXT NOT NULL DEFAULT '',
	publisher   TEXT NOT NULL DEFAULT '',
	licence     TEXT NOT NULL DEFAULT '',
	source_url  TEXT NOT NULL DEFAULT '',
	released    TEXT NOT NULL,
	version     TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	row_count   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE dataset_files (
	dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	path       TEXT NOT NULL,
	sha256     TEXT NOT NULL,
	bytes      INTEGER NOT NULL,
	PRIMARY KEY (dataset_id, seq),
	UNIQUE (dataset_id, path)
);

CREATE TABLE areas (
	code        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL,
	parent_code TEXT NOT NULL DEFAULT '',
	country     TEXT NOT NULL DEFAULT '',
	valid_from  INTEGER NOT NULL DEFAULT 0,
	valid_to    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX areas_type_name ON areas (type, name);
CREATE INDEX areas_parent ON areas (parent_code);

CREATE TABLE code_changes (
	dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	old_code   TEXT NOT NULL,
	old_name   TEXT NOT NULL DEFAULT '',
	new_code   TEXT NOT NULL,
	new_name   TEXT NOT NULL DEFAULT '',
	type       TEXT NOT NULL,
	year       INTEGER NOT NULL,
	PRIMARY KEY (dataset_id, seq),
	UNIQUE (dataset_id, old_code, new_code, year)
);

-- released is the release date of the dataset that last described the
-- indicator: a newer release's metadata wins whatever the import order.
CREATE TABLE indicators (
	id             TEXT PRIMARY KEY,
	title          TEXT NOT NULL,
	subtitle       TEXT NOT NULL DEFAULT '',
	description    TEXT NOT NULL DEFAULT '',
	unit           TEXT NOT NULL DEFAULT '',
	measure        TEXT NOT NULL DEFAULT '',
	prefix         TEXT NOT NULL DEFAULT '',
	suffix         TEXT NOT NULL DEFAULT '',
	polarity       INTEGER NOT NULL DEFAULT 0,
	value_type     TEXT NOT NULL DEFAULT '',
	decimal_places INTEGER NOT NULL DEFAULT 0,
	topic          TEXT NOT NULL DEFAULT '',
	sub_topic      TEXT NOT NULL DEFAULT '',
	mission        INTEGER NOT NULL DEFAULT 0,
	category       TEXT NOT NULL DEFAULT '',
	source         TEXT NOT NULL DEFAULT '',
	source_url     TEXT NOT NULL DEFAULT '',
	licence        TEXT NOT NULL DEFAULT '',
	caveats        TEXT NOT NULL DEFAULT '',
	dataset_id     TEXT NOT NULL REFERENCES datasets (id),
	released       TEXT NOT NULL
);
CREATE INDEX indicators_topic_title ON indicators (topic, title);

-- One row per cross-section of a release: every area's figure for one
-- indicator, period and breakdown, n observations encoded in data (the
-- format is described in internal/store/obsset.go). Observations are read
-- whole into the in-memory snapshot, so a row per observation bought
-- nothing but slow imports. Area codes live inside data, so no foreign key
-- guards them: Import checks them. period is Period.String();
-- period_start (its first day) and period_months order periods by start,
-- then length.
CREATE TABLE observation_sets (
	dataset_id    TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	indicator_id  TEXT NOT NULL REFERENCES indicators (id),
	period        TEXT NOT NULL,
	period_start  TEXT NOT NULL,
	period_months INTEGER NOT NULL,
	breakdown     TEXT NOT NULL DEFAULT '',
	n             INTEGER NOT NULL CHECK (n > 0),
	data          BLOB NOT NULL,
	UNIQUE (dataset_id, indicator_id, period, breakdown)
);
CREATE INDEX observation_sets_indicator ON observation_sets (indicator_id);

CREATE TABLE grants (
	dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	fund       TEXT NOT NULL,
	round      TEXT NOT NULL DEFAULT '',
	type       TEXT NOT NULL DEFAULT '',
	recipient  TEXT NOT NULL DEFAULT '',
	project    TEXT NOT NULL DEFAULT '',
	place_ref  TEXT NOT NULL DEFAULT '',
	amount     INTEGER NOT NULL,
	capital    INTEGER,
	revenue    INTEGER,
	year       INTEGER NOT NULL DEFAULT 0,
	line       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (dataset_id, seq)
);
CREATE INDEX grants_fund ON grants (fund);

CREATE TABLE grant_areas (
	dataset_id TEXT NOT NULL,
	grant_seq  INTEGER NOT NULL,
	pos        INTEGER NOT NULL,
	area_code  TEXT NOT NULL,
	PRIMARY KEY (dataset_id, grant_seq, pos),
	UNIQUE (dataset_id, grant_seq, area_code),
	FOREIGN KEY (dataset_id, grant_seq) REFERENCES grants (dataset_id, seq) ON DELETE CASCADE
);
CREATE INDEX grant_areas_area ON grant_areas (area_code);

CREATE TABLE area_groups (
	dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	scheme     TEXT NOT NULL,
	group_name TEXT NOT NULL,
	area_code  TEXT NOT NULL,
	PRIMARY KEY (dataset_id, scheme, area_code)
);
CREATE INDEX area_groups_scheme ON area_groups (scheme, group_name);

CREATE TABLE group_descriptions (
	dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	scheme      TEXT NOT NULL,
	group_name  TEXT NOT NULL,
	description TEXT NOT NULL,
	PRIMARY KEY (dataset_id, scheme, group_name)
);

CREATE TABLE published_neighbours (
	dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	scheme     TEXT NOT NULL,
	area_code  TEXT NOT NULL,
	rank_no    INTEGER NOT NULL,
	neighbour  TEXT NOT NULL,
	PRIMARY KEY (dataset_id, scheme, area_code, rank_no)
);
CREATE INDEX published_neighbours_scheme ON published_neighbours (scheme, area_code, rank_no);
