package localup

import "testing"

func TestStatusText(t *testing.T) {
	for in, want := range map[string]string{"": "", "u": "low reliability", "x": "not available", "z": "not applicable",
		"c": "confidential", "Estimate based on a small sample": "Estimate based on a small sample"} {
		if got := StatusText(in); got != want {
			t.Errorf("StatusText(%q) = %q, want %q", in, got, want)
		}
	}
}
