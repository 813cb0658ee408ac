package importer

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup"
)

// The ONS Explore Local Statistics similar-area clusters (LAD 2025 codes)
// and each area's 20 published nearest neighbours.
var clustersSource = source{
	id:        "clusters",
	title:     "ONS Explore Local Statistics clusters and nearest neighbours",
	publisher: sourceONS,
	licence:   licenceOGL,
	url:       "https://github.com/ONSdigital/explore-local-statistics-app",
	released:  time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
	main:      "clusters/els_cluster-allocation.csv",
	files: []string{"clusters/els_cluster-allocation.csv", "clusters/els_cluster-descriptions.json",
		"clusters/els_global-neighbours.csv"},
	read: readClusters,
}

// clusterSchemes maps the allocation file's columns to scheme names.
var clusterSchemes = map[string]string{"Global": "ons-global", "Economic": "ons-economic", "Demographic": "ons-demographic"}

func readClusters(im *Importer, b *builder) error {
	if err := eachRow(im, b, "clusters/els_cluster-allocation.csv", []string{"AREACD", "AREANM", "Global", "Economic", "Demographic"}, func(c *csvFile) error {
		code := c.get("AREACD")
		if err := b.area(c, "AREACD", code, c.get("AREANM")); err != nil {
			return err
		}
		for _, col := range []string{"Global", "Economic", "Demographic"} {
			g := c.get(col)
			if g == "[x]" { // unclassified: Isles of Scilly, City of London, Orkney
				continue
			}
			if len(g) != 1 || g[0] < 'A' || g[0] > 'Z' {
				return c.errf(col, "cluster must be a letter or [x], got %q", g)
			}
			b.batch.Groups = append(b.batch.Groups, localup.AreaGroup{Scheme: clusterSchemes[col], Group: g, AreaCode: code})
		}
		return nil
	}); err != nil {
		return err
	}
	raw, sf, err := im.readFile("clusters/els_cluster-descriptions.json")
	if err != nil {
		return err
	}
	b.file(sf)
	var desc map[string]map[string]string
	if err := json.Unmarshal(raw, &desc); err != nil {
		return invalid(sf.Path, 0, "", "not valid JSON: %v", err)
	}
	for model, groups := range desc {
		scheme := "ons-" + strings.ToLower(model)
		for g, text := range groups {
			b.batch.Descriptions = append(b.batch.Descriptions, localup.GroupDescription{Scheme: scheme, Group: strings.ToUpper(g), Description: text})
		}
	}
	return eachRow(im, b, "clusters/els_global-neighbours.csv", []string{"AREACD", "1", "20"}, func(c *csvFile) error {
		code := c.get("AREACD")
		if err := b.area(c, "AREACD", code, ""); err != nil {
			return err
		}
		for r := 1; r <= 20; r++ {
			col := strconv.Itoa(r)
			n := c.get(col)
			if n == "" || n == "NA" {
				continue
			}
			if err := b.area(c, col, n, ""); err != nil {
				return err
			}
			b.batch.Neighbours = append(b.batch.Neighbours, localup.PublishedNeighbour{Scheme: "ons-global", AreaCode: code, Rank: r, Neighbour: n})
		}
		return nil
	})
}
