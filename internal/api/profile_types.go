package api

// Profile is the response of GET /api/v1/areas/{code}/profile.
type Profile struct {
	Area Area `json:"area"`
	// National is the usual national benchmark: England for English
	// areas, the area's own nation otherwise, the UK for nations.
	National    *AreaRef           `json:"national"`
	Region      *AreaRef           `json:"region"`
	Compare     *AreaRef           `json:"compare"`
	Similar     []AreaRef          `json:"similar_areas"`
	AreaLineage AreaLineage        `json:"lineage"`
	Rows        []ProfileIndicator `json:"indicators"`
}

// AreaLineage is how an area's code relates to earlier and later codes.
type AreaLineage struct {
	Predecessors []AreaCodeChange `json:"predecessors"`
	Successors   []AreaCodeChange `json:"successors"`
	FollowsFrom  string           `json:"follows_from,omitempty"`
	ContinuesAs  string           `json:"continues_as,omitempty"`
}

// AreaCodeChange is one change of code.
type AreaCodeChange struct {
	OldCode string `json:"old_code"`
	OldName string `json:"old_name"`
	NewCode string `json:"new_code,omitempty"`
	NewName string `json:"new_name,omitempty"`
	Type    string `json:"type"`
	Year    int    `json:"year"`
}

// ProfileIndicator is one indicator of a profile: the area's latest figure and
// every judgement made of it.
type ProfileIndicator struct {
	Indicator      string   `json:"indicator"`
	Title          string   `json:"title"`
	Topic          string   `json:"topic"`
	Mission        int      `json:"mission,omitempty"`
	Unit           string   `json:"unit"`
	Polarity       int      `json:"polarity"`
	ValueType      string   `json:"value_type,omitempty"`
	Period         string   `json:"period"`
	PeriodLabel    string   `json:"period_label"`
	PublishedUnder string   `json:"published_under,omitempty"`
	Value          *float64 `json:"value"`
	Lower          *float64 `json:"lci"`
	Upper          *float64 `json:"uci"`
	Interval       string   `json:"interval"`
	Status         string   `json:"status,omitempty"`
	// Comparison and Judgement repeat National's, the headline judgement.
	Comparison string            `json:"comparison"`
	Judgement  string            `json:"judgement"`
	National   ProfileBenchmark  `json:"national"`
	Region     ProfileBenchmark  `json:"region"`
	Similar    ProfileBenchmark  `json:"similar_areas_mean"`
	Compare    *ProfileBenchmark `json:"compare,omitempty"`
	Rank       *int              `json:"rank"`
	Of         *int              `json:"of"`
	RankNote   string            `json:"rank_note,omitempty"`
	Trend      ProfileTrend      `json:"trend"`
	Spine      *ProfileSpread    `json:"spine"`
	Dataset    string            `json:"dataset"`
	Source     string            `json:"source"`
	SourceURL  string            `json:"source_url,omitempty"`
	Licence    string            `json:"licence"`
	URL        string            `json:"url"`
}

// ProfileBenchmark is a benchmark's figure for the same period and the
// judgement of the area's figure against it. Absent figures are null.
// Name is given only when Code is not (the similar-areas mean): a
// benchmark area's name is in the profile's national and region.
type ProfileBenchmark struct {
	Code       string   `json:"code,omitempty"`
	Name       string   `json:"name,omitempty"`
	Value      *float64 `json:"value"`
	Lower      *float64 `json:"lci"`
	Upper      *float64 `json:"uci"`
	N          int      `json:"areas_with_value,omitempty"`
	Of         int      `json:"areas,omitempty"`
	Comparison string   `json:"comparison"`
	Judgement  string   `json:"judgement"`
	Note       string   `json:"note,omitempty"`
}

// ProfileTrend is the Fingertips recent-trend marker.
type ProfileTrend struct {
	Marker     string   `json:"marker"`
	Assessment string   `json:"assessment"`
	Text       string   `json:"text"`
	Method     string   `json:"method,omitempty"`
	From       string   `json:"from,omitempty"`
	To         string   `json:"to,omitempty"`
	ChiSquared *float64 `json:"chi_squared"`
	Reason     string   `json:"reason,omitempty"`
}

// ProfileSpread is the distribution a spine chart draws: areas of the same
// type with a figure for the same period.
type ProfileSpread struct {
	Areas  int      `json:"areas"`
	Min    *float64 `json:"min"`
	P25    *float64 `json:"p25"`
	Median *float64 `json:"median"`
	P75    *float64 `json:"p75"`
	Max    *float64 `json:"max"`
}

// Similar is the response of GET /api/v1/areas/{code}/similar.
type Similar struct {
	Area       AreaRef         `json:"area"`
	K          int             `json:"k"`
	Default    bool            `json:"default_indicators"`
	Indicators []SimilarColumn `json:"indicators"`
	Compared   int             `json:"areas_compared"`
	Note       string          `json:"note,omitempty"`
	Neighbours []SimilarArea   `json:"neighbours"`
	Groups     []ONSGroup      `json:"ons_groups"`
	Published  []AreaRef       `json:"ons_nearest_neighbours"`
}

// SimilarColumn is one compared indicator and its period.
type SimilarColumn struct {
	Indicator   string `json:"indicator"`
	Title       string `json:"title"`
	Period      string `json:"period"`
	PeriodLabel string `json:"period_label"`
	Areas       int    `json:"areas_with_value"`
}

// SimilarArea is one similar area with its distance and each indicator's
// part in it.
type SimilarArea struct {
	Rank          int                   `json:"rank"`
	Area          AreaRef               `json:"area"`
	Distance      float64               `json:"distance"`
	Contributions []SimilarContribution `json:"contributions"`
}

// SimilarContribution is one indicator's part in a distance.
type SimilarContribution struct {
	Indicator      string   `json:"indicator"`
	Value          *float64 `json:"value"`
	NeighbourValue *float64 `json:"neighbour_value"`
	Z              float64  `json:"z"`
	NeighbourZ     float64  `json:"neighbour_z"`
	Missing        bool     `json:"missing"`
	SquaredDiff    float64  `json:"squared_difference"`
	Share          float64  `json:"share"`
}

// ONSGroup is the area's group in one published classification.
type ONSGroup struct {
	Scheme      string `json:"scheme"`
	Group       string `json:"group"`
	Description string `json:"description,omitempty"`
}
