package localup

// Polarity says which direction of an indicator is better, as ONS
// publishes it: 1 higher is better, -1 lower is better, 0 no judgement.
type Polarity int

// Polarities.
const (
	LowerIsBetter  Polarity = -1
	NoPolarity     Polarity = 0
	HigherIsBetter Polarity = 1
)

// String describes the polarity in words.
func (p Polarity) String() string {
	switch p {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "no judgement of better or worse"
}

// ValueType is the statistical kind of an indicator's values; it decides
// which interval and significance methods apply.
type ValueType string

// Value types.
const (
	ValueProportion = ValueType("proportion") // a percentage of a population
	ValueRate       = ValueType("rate")       // events per 1,000, 100,000...
	ValueMean       = ValueType("mean")       // a mean score or a median
	ValueCount      = ValueType("count")      // a number of people, events or things
	ValueIndex      = ValueType("index")      // a composite score or rank
	ValueMoney      = ValueType("money")      // pounds
	ValueDuration   = ValueType("duration")   // years, minutes
)

// Indicator is a published statistic with the metadata needed to show and
// judge it honestly.
type Indicator struct {
	ID            string // stable slug, e.g. gross-median-weekly-pay
	Title         string
	Subtitle      string // one-line definition
	Description   string
	Unit          string // as shown beside values: "%", "£", "years"
	Measure       string // what the unit measures: "Percentage", "Pounds"
	Prefix        string // "£" written before the value
	Suffix        string // "%" written after the value
	Polarity      Polarity
	ValueType     ValueType
	DecimalPlaces int
	Topic         string
	SubTopic      string
	Mission       int    // 1 to 12 for a levelling-up mission metric, 0 otherwise
	Category      string // Levelling Up White Paper objective
	Source        string // the publishing organisation(s)
	SourceURL     string
	Licence       string
	Caveats       string
	DatasetID     string // the dataset whose release supplied this metadata
}

// IndicatorFilter selects indicators. Zero fields do not filter.
type IndicatorFilter struct {
	Topic   string
	Mission int
	Query   string
}
