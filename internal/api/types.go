package api

import (
	"math"
	"strconv"
	"time"

	"github.com/localup/localup"
)

// Number is a figure that encodes as JSON null when absent (NaN) or not
// finite, since JSON has no NaN and 0 would be a lie.
type Number float64

// MarshalJSON implements json.Marshaler.
func (n Number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// AreaRef names an area and links to it.
type AreaRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Area is a place with an official GSS code.
type Area struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	ParentCode string `json:"parent_code,omitempty"`
	Country    string `json:"country,omitempty"`
	ValidFrom  int    `json:"valid_from,omitempty"`
	ValidTo    int    `json:"valid_to,omitempty"`
	Current    bool   `json:"current"`
	URL        string `json:"url"`
	WebURL     string `json:"web_url"`
}

// AreaList is the response of GET /api/v1/areas.
type AreaList struct {
	Count int    `json:"count"`
	Areas []Area `json:"areas"`
}

// AreaDetail is the response of GET /api/v1/areas/{code}.
type AreaDetail struct {
	Area
	Parent   *AreaRef      `json:"parent"`
	Children []AreaRef     `json:"children"`
	Latest   []LatestValue `json:"latest"`
}

// LatestValue is an area's most recent whole-population figure for one
// indicator, with its period, source and licence.
type LatestValue struct {
	Indicator   string `json:"indicator"`
	Title       string `json:"title"`
	Topic       string `json:"topic"`
	Unit        string `json:"unit"`
	Period      string `json:"period"`
	PeriodLabel string `json:"period_label"`
	Value       Number `json:"value"`
	Lower       Number `json:"lower_ci_95"`
	Upper       Number `json:"upper_ci_95"`
	Status      string `json:"status,omitempty"`
	Dataset     string `json:"dataset"`
	Source      string `json:"source"`
	Licence     string `json:"licence"`
}

// Indicator is a published statistic and how to read it.
type Indicator struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Subtitle      string `json:"subtitle,omitempty"`
	Description   string `json:"description,omitempty"`
	Unit          string `json:"unit"`
	Measure       string `json:"measure,omitempty"`
	Prefix        string `json:"prefix,omitempty"`
	Suffix        string `json:"suffix,omitempty"`
	Polarity      int    `json:"polarity"`
	PolarityLabel string `json:"polarity_label"`
	ValueType     string `json:"value_type,omitempty"`
	DecimalPlaces int    `json:"decimal_places"`
	Topic         string `json:"topic"`
	SubTopic      string `json:"sub_topic,omitempty"`
	Mission       int    `json:"mission,omitempty"`
	Category      string `json:"category,omitempty"`
	Source        string `json:"source"`
	SourceURL     string `json:"source_url,omitempty"`
	Licence       string `json:"licence"`
	Caveats       string `json:"caveats,omitempty"`
	Dataset       string `json:"dataset"`
	URL           string `json:"url"`
}

// IndicatorList is the response of GET /api/v1/indicators.
type IndicatorList struct {
	Count      int         `json:"count"`
	Indicators []Indicator `json:"indicators"`
}

// IndicatorDetail is the response of GET /api/v1/indicators/{id}.
type IndicatorDetail struct {
	Indicator
	DatasetInfo *Dataset `json:"dataset_info"`
	Periods     []Period `json:"periods"`
	AreaCount   int      `json:"area_count"`
}

// Period is a time an indicator has figures for.
type Period struct {
	Period string `json:"period"`
	Label  string `json:"label"`
}

// Dataset is an imported release and its provenance.
type Dataset struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Licence   string `json:"licence"`
	SourceURL string `json:"source_url,omitempty"`
	Released  string `json:"released,omitempty"`
	Imported  string `json:"imported"`
}

func newAreaRef(a localup.Area) AreaRef {
	return AreaRef{Code: a.Code, Name: a.Name, Type: string(a.Type), URL: "/api/v1/areas/" + a.Code}
}

func newArea(a localup.Area) Area {
	return Area{Code: a.Code, Name: a.Name, Type: string(a.Type), ParentCode: a.ParentCode, Country: a.Country,
		ValidFrom: a.ValidFrom, ValidTo: a.ValidTo, Current: a.Current(),
		URL: "/api/v1/areas/" + a.Code, WebURL: "/areas/" + a.Code}
}

func newIndicator(ind localup.Indicator) Indicator {
	return Indicator{ID: ind.ID, Title: ind.Title, Subtitle: ind.Subtitle, Description: ind.Description,
		Unit: ind.Unit, Measure: ind.Measure, Prefix: ind.Prefix, Suffix: ind.Suffix,
		Polarity: int(ind.Polarity), PolarityLabel: ind.Polarity.String(), ValueType: string(ind.ValueType),
		DecimalPlaces: ind.DecimalPlaces, Topic: ind.Topic, SubTopic: ind.SubTopic, Mission: ind.Mission,
		Category: ind.Category, Source: ind.Source, SourceURL: ind.SourceURL, Licence: ind.Licence,
		Caveats: ind.Caveats, Dataset: ind.DatasetID, URL: "/api/v1/indicators/" + ind.ID}
}

func newDataset(d localup.Dataset) *Dataset {
	out := &Dataset{ID: d.ID, Title: d.Title, Publisher: d.Publisher, Licence: d.Licence, SourceURL: d.SourceURL,
		Imported: d.ImportedAt.UTC().Format(time.RFC3339)}
	if !d.Released.IsZero() {
		out.Released = d.Released.Format(time.DateOnly)
	}
	return out
}
