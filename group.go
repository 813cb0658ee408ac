package localup

// AreaGroup places an area in one group of a published classification,
// such as the ONS Explore Local Statistics clusters (scheme "ons-global",
// group "B").
type AreaGroup struct {
	Scheme   string
	Group    string
	AreaCode string
}

// GroupDescription says in words what a group's members share.
type GroupDescription struct {
	Scheme      string
	Group       string
	Description string
}

// PublishedNeighbour is one entry of a published nearest-neighbour list:
// for AreaCode, Neighbour is the Rank-th most similar area in Scheme.
type PublishedNeighbour struct {
	Scheme    string
	AreaCode  string
	Rank      int
	Neighbour string
}
