package chart

// CSS is an optional snippet for the site's stylesheet (the charts use no
// inline styles, so a strict Content Security Policy needs no exception).
// It lets charts shrink to narrow screens, and gives map areas a visible
// GOV.UK focus indicator and a hover outline.
const CSS = `.lu-chart{max-width:100%;height:auto}
.lu-map-area{cursor:default}
.lu-map-area:hover{stroke:#0b0c0c;stroke-width:1.5px}
.lu-map-area:focus{outline:none}
.lu-map-area:focus-visible{stroke:#0b0c0c;stroke-width:3px;outline:3px solid ` + colFocus + `;outline-offset:0}
`
