package importer

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/localup/localup"
)

// The generic tidy format lets a council load its own indicators. Data:
//
//	indicator,area_code,period,value[,lci,uci,numerator,denominator]
//
// Metadata, one row per indicator:
//
//	id,title,unit,polarity,value_type,decimal_places,topic,source,licence
//
// Periods take any form ParsePeriod reads; values take the ONS missing
// marks. Area codes must be known from the lookups.

var datasetID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// ImportTidy imports a council's own indicators from the generic tidy CSV
// format with its metadata file, as dataset id. Paths may be absolute or
// relative to the working directory.
func (im *Importer) ImportTidy(ctx context.Context, id, dataPath, metadataPath string) (localup.ImportSummary, error) {
	if !datasetID.MatchString(id) {
		return localup.ImportSummary{}, localup.Errorf(localup.EINVALID, "dataset id %q: use 1 to 64 lower-case letters, digits, - or _", id)
	}
	dir, err := filepath.Abs(filepath.Dir(dataPath))
	if err != nil {
		return localup.ImportSummary{}, err
	}
	mdir, err := filepath.Abs(filepath.Dir(metadataPath))
	if err != nil {
		return localup.ImportSummary{}, err
	}
	// Files are read relative to a common root so that errors name them
	// as the user gave them.
	sub := &Importer{Store: im.Store, DataDir: "/", Log: im.Log, Now: im.Now}
	data := filepath.Join(dir, filepath.Base(dataPath))[1:]
	meta := filepath.Join(mdir, filepath.Base(metadataPath))[1:]
	src := source{id: id, title: "Local indicators: " + id, publisher: "Local data", licence: "As stated per indicator",
		released: im.Now().UTC(), main: data, files: []string{data, meta},
		read: func(im *Importer, b *builder) error { return readTidy(im, b, data, meta) }}
	return sub.importSource(ctx, src)
}

var valueTypes = map[string]localup.ValueType{
	"proportion": localup.ValueProportion, "rate": localup.ValueRate, "mean": localup.ValueMean, "count": localup.ValueCount,
	"index": localup.ValueIndex, "money": localup.ValueMoney, "duration": localup.ValueDuration,
}

func readTidy(im *Importer, b *builder, data, meta string) error {
	if err := eachRow(im, b, meta, []string{"id", "title", "unit", "polarity", "value_type", "decimal_places", "topic", "source", "licence"}, func(c *csvFile) error {
		id := c.get("id")
		if id == "" {
			return c.errf("id", "empty indicator id")
		}
		if b.inds[id] {
			return c.errf("id", "indicator %q is described twice", id)
		}
		pol, err := parsePolarity(c, "polarity")
		if err != nil {
			return err
		}
		vt, ok := valueTypes[c.get("value_type")]
		if !ok {
			return c.errf("value_type", "unknown value type %q (want proportion, rate, mean, count, index, money or duration)", c.get("value_type"))
		}
		dp, err := strconv.Atoi(c.get("decimal_places"))
		if err != nil || dp < 0 || dp > 6 {
			return c.errf("decimal_places", "want a whole number from 0 to 6, got %q", c.get("decimal_places"))
		}
		for _, f := range []string{"title", "source", "licence"} {
			if c.get(f) == "" {
				return c.errf(f, "must not be empty: every figure shows its source and licence")
			}
		}
		b.indicator(localup.Indicator{ID: id, Title: c.get("title"), Unit: c.get("unit"), Polarity: pol, ValueType: vt,
			DecimalPlaces: dp, Topic: c.get("topic"), Source: c.get("source"), Licence: c.get("licence")})
		return nil
	}); err != nil {
		return err
	}
	return eachRow(im, b, data, []string{"indicator", "area_code", "period", "value"}, func(c *csvFile) error {
		id := c.get("indicator")
		if !b.inds[id] {
			return c.errf("indicator", "indicator %q is not in the metadata file", id)
		}
		code := c.get("area_code")
		if err := b.area(c, "area_code", code, ""); err != nil {
			return err
		}
		p, err := localup.ParsePeriod(c.get("period"))
		if err != nil {
			return c.errf("period", "%v", err)
		}
		o := localup.NewObservation(id, code, p)
		if o.Value, o.Missing, err = c.number("value"); err != nil {
			return err
		}
		for field, dst := range map[string]*float64{"lci": &o.Lower, "uci": &o.Upper, "numerator": &o.Numerator, "denominator": &o.Denominator} {
			if c.has(field) {
				if *dst, _, err = c.number(field); err != nil {
					return err
				}
			}
		}
		if o.HasInterval() && o.HasValue() && (o.Value < o.Lower || o.Value > o.Upper) {
			return c.errf("value", "value %g is outside its confidence interval %g to %g", o.Value, o.Lower, o.Upper)
		}
		return b.observe(c, o)
	})
}
