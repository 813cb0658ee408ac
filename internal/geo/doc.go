// Package geo holds the boundary layers that maps are drawn from: the ONS
// generalised local authority and region boundaries, read once at start-up,
// projected to a flat plane, simplified and turned into SVG path strings.
//
// # Projection
//
// Longitude and latitude are projected with a spherical transverse Mercator
// centred on 2°W and 49°N, the same central meridian as the Ordnance
// Survey's British National Grid. The UK lies within about 7° of that
// meridian, where the projection's scale error is under 0.3%, so shapes and
// relative sizes look as people know them from OS maps; Shetland is not
// squashed and Cornwall not stretched, as they would be by 10-15% with a
// plain equirectangular projection. The sphere (rather than the Airy
// ellipsoid) moves points by well under one pixel at the map's scale, which
// is all a choropleth needs: it shows which area is which, not distances.
//
// Projected coordinates are in the units of a fixed SVG viewBox,
// 0 0 600 800 (Width × Height), at 0.64 units per kilometre, with the UK
// placed against the left and top margins. Every layer and every vintage
// shares the same frame, so paths from different layers line up and the
// free sea to the east of Scotland (x > 320, y < 340) can hold a legend.
//
// # Simplification
//
// Each layer is simplified once, with Douglas-Peucker at Tolerance units
// (about 400 m), which keeps the full 361-area map under 200 KB of path
// data; a second, coarser path (CoarseTolerance) serves small locator maps.
// Borders shared by neighbouring areas are simplified once as the same arc
// (split at the points where the set of areas sharing a vertex changes, and
// walked in one canonical direction), so neighbours keep identical borders
// and no slivers or gaps open between them. Small islands that belong to
// one area only are dropped below MinIslandArea, but never an area's
// largest part. Coordinates are then rounded to 0.1 unit.
package geo
