-- 0001: the evidence base. Everything a dataset contributes references
-- datasets(id), so replacing or removing a dataset deletes cleanly. Text
-- sorts by code point (COLLATE "C"), as in SQLite, so both stores list
-- things in the same order.

CREATE TABLE datasets (
	id          text COLLATE "C" PRIMARY KEY,
	title       text COLLATE "C" NOT NULL DEFAULT '',
	publisher   text COLLATE "C" NOT NULL DEFAULT '',
	licence     text COLLATE "C" NOT NULL DEFAULT '',
	source_url  text COLLATE "C" NOT NULL DEFAULT '',
	released    timestamptz NOT NULL,
	version     text COLLATE "C" NOT NULL,
	imported_at timestamptz NOT NULL,
	row_count   integer NOT NULL DEFAULT 0
);

CREATE TABLE dataset_files (
	dataset_id text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	seq        integer NOT NULL,
	path       text COLLATE "C" NOT NULL,
	sha256     text COLLATE "C" NOT NULL,
	bytes      bigint NOT NULL,
	PRIMARY KEY (dataset_id, seq),
	UNIQUE (dataset_id, path)
);

CREATE TABLE areas (
	code        text COLLATE "C" PRIMARY KEY,
	name        text COLLATE "C" NOT NULL,
	type        text COLLATE "C" NOT NULL,
	parent_code text COLLATE "C" NOT NULL DEFAULT '',
	country     text COLLATE "C" NOT NULL DEFAULT '',
	valid_from  integer NOT NULL DEFAULT 0,
	valid_to    integer NOT NULL DEFAULT 0
);
CREATE INDEX areas_type_name ON areas (type, name);
CREATE INDEX areas_parent ON areas (parent_code);

CREATE TABLE code_changes (
	dataset_id text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	seq        integer NOT NULL,
	old_code   text COLLATE "C" NOT NULL,
	old_name   text COLLATE "C" NOT NULL DEFAULT '',
	new_code   text COLLATE "C" NOT NULL,
	new_name   text COLLATE "C" NOT NULL DEFAULT '',
	type       text COLLATE "C" NOT NULL,
	year       integer NOT NULL,
	PRIMARY KEY (dataset_id, seq),
	UNIQUE (dataset_id, old_code, new_code, year)
);

-- released is the release date of the dataset that last described the
-- indicator: a newer release's metadata wins whatever the import order.
CREATE TABLE indicators (
	id             text COLLATE "C" PRIMARY KEY,
	title          text COLLATE "C" NOT NULL,
	subtitle       text COLLATE "C" NOT NULL DEFAULT '',
	description    text COLLATE "C" NOT NULL DEFAULT '',
	unit           text COLLATE "C" NOT NULL DEFAULT '',
	measure        text COLLATE "C" NOT NULL DEFAULT '',
	prefix         text COLLATE "C" NOT NULL DEFAULT '',
	suffix         text COLLATE "C" NOT NULL DEFAULT '',
	polarity       integer NOT NULL DEFAULT 0,
	value_type     text COLLATE "C" NOT NULL DEFAULT '',
	decimal_places integer NOT NULL DEFAULT 0,
	topic          text COLLATE "C" NOT NULL DEFAULT '',
	sub_topic      text COLLATE "C" NOT NULL DEFAULT '',
	mission        integer NOT NULL DEFAULT 0,
	category       text COLLATE "C" NOT NULL DEFAULT '',
	source         text COLLATE "C" NOT NULL DEFAULT '',
	source_url     text COLLATE "C" NOT NULL DEFAULT '',
	licence        text COLLATE "C" NOT NULL DEFAULT '',
	caveats        text COLLATE "C" NOT NULL DEFAULT '',
	dataset_id     text COLLATE "C" NOT NULL REFERENCES datasets (id),
	released       timestamptz NOT NULL
);
CREATE INDEX indicators_topic_title ON indicators (topic, title);

-- One row per cross-section of a release: every area's figure for one
-- indicator, period and breakdown, n observations encoded in data (the
-- format is described in internal/store/obsset.go). Observations are read
-- whole into the in-memory snapshot, so a row per observation bought
-- nothing but slow imports. Area codes live inside data, so no foreign key
-- guards them: Import checks them. period is Period.String();
-- period_start and period_months order periods by start, then length.
CREATE TABLE observation_sets (
	dataset_id    text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	indicator_id  text COLLATE "C" NOT NULL REFERENCES indicators (id),
	period        text COLLATE "C" NOT NULL,
	period_start  date NOT NULL,
	period_months integer NOT NULL,
	breakdown     text COLLATE "C" NOT NULL DEFAULT '',
	n             integer NOT NULL CHECK (n > 0),
	data          bytea NOT NULL,
	UNIQUE (dataset_id, indicator_id, period, breakdown)
);
CREATE INDEX observation_sets_indicator ON observation_sets (indicator_id);

CREATE TABLE grants (
	dataset_id text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	seq        integer NOT NULL,
	fund       text COLLATE "C" NOT NULL,
	round      text COLLATE "C" NOT NULL DEFAULT '',
	type       text COLLATE "C" NOT NULL DEFAULT '',
	recipient  text COLLATE "C" NOT NULL DEFAULT '',
	project    text COLLATE "C" NOT NULL DEFAULT '',
	place_ref  text COLLATE "C" NOT NULL DEFAULT '',
	amount     bigint NOT NULL,
	capital    bigint,
	revenue    bigint,
	year       integer NOT NULL DEFAULT 0,
	line       integer NOT NULL DEFAULT 0,
	PRIMARY KEY (dataset_id, seq)
);
CREATE INDEX grants_fund ON grants (fund);

CREATE TABLE grant_areas (
	dataset_id text COLLATE "C" NOT NULL,
	grant_seq  integer NOT NULL,
	pos        integer NOT NULL,
	area_code  text COLLATE "C" NOT NULL,
	PRIMARY KEY (dataset_id, grant_seq, pos),
	UNIQUE (dataset_id, grant_seq, area_code),
	FOREIGN KEY (dataset_id, grant_seq) REFERENCES grants (dataset_id, seq) ON DELETE CASCADE
);
CREATE INDEX grant_areas_area ON grant_areas (area_code);

CREATE TABLE area_groups (
	dataset_id text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	scheme     text COLLATE "C" NOT NULL,
	group_name text COLLATE "C" NOT NULL,
	area_code  text COLLATE "C" NOT NULL,
	PRIMARY KEY (dataset_id, scheme, area_code)
);
CREATE INDEX area_groups_scheme ON area_groups (scheme, group_name);

CREATE TABLE group_descriptions (
	dataset_id  text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	scheme      text COLLATE "C" NOT NULL,
	group_name  text COLLATE "C" NOT NULL,
	description text COLLATE "C" NOT NULL,
	PRIMARY KEY (dataset_id, scheme, group_name)
);

CREATE TABLE published_neighbours (
	dataset_id text COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
	scheme     text COLLATE "C" NOT NULL,
	area_code  text COLLATE "C" NOT NULL,
	rank_no    integer NOT NULL,
	neighbour  text COLLATE "C" NOT NULL,
	PRIMARY KEY (dataset_id, scheme, area_code, rank_no)
);
CREATE INDEX published_neighbours_scheme ON published_neighbours (scheme, area_code, rank_no);
