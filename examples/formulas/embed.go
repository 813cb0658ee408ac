// Package formulas embeds the example allocation formulas of this
// directory, so that the binary can offer them without the source tree.
package formulas

import "embed"

// FS holds every example formula document (*.yaml) and README.md.
//
//go:embed *.yaml README.md
var FS embed.FS
