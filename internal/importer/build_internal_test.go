package importer

import (
	"testing"

	"github.com/localup/localup"
)

func TestAffixes(t *testing.T) {
	for _, tc := range []struct {
		in             localup.Indicator
		prefix, suffix string
	}{
		{localup.Indicator{Unit: "yrs"}, "", " years"},
		{localup.Indicator{Unit: "mins"}, "", " minutes"},
		{localup.Indicator{Unit: "%"}, "", "%"},
		{localup.Indicator{Unit: "£ million"}, "£", "m"},
		{localup.Indicator{Unit: "Score out of 10"}, "", " out of 10"},
		{localup.Indicator{Unit: "Rate per 100,000 population"}, "", ""},
		{localup.Indicator{Unit: "%", Suffix: " per cent"}, "", " per cent"}, // the file's own wins
		{localup.Indicator{Unit: "£", Prefix: "GBP "}, "GBP ", ""},
	} {
		ind := tc.in
		affixes(&ind)
		if ind.Prefix != tc.prefix || ind.Suffix != tc.suffix {
			t.Errorf("%q: prefix %q suffix %q, want %q %q", tc.in.Unit, ind.Prefix, ind.Suffix, tc.prefix, tc.suffix)
		}
	}
}
