package api_test

import (
	"net/http"
	"testing"
)

type missionJSON struct {
	Number   int    `json:"number"`
	Name     string `json:"name"`
	NoMetric string `json:"no_metric"`
	Trend    string `json:"trend"`
	Metrics  []struct {
		Indicator string `json:"indicator"`
		InData    bool   `json:"in_data"`
		England   *struct {
			Label string   `json:"label"`
			Value *float64 `json:"value"`
		} `json:"england"`
		Spread *struct {
			BaselineYear int    `json:"baseline_year"`
			Trend        string `json:"trend"`
		} `json:"spread"`
		Sections []struct {
			Period         string   `json:"period"`
			TailDifference *float64 `json:"tail_difference"`
		} `json:"sections"`
		Places []struct {
			Rank int `json:"rank"`
			Area struct {
				Code string `json:"code"`
				Name string `json:"name"`
			} `json:"area"`
			Change *float64 `json:"change"`
		} `json:"places"`
	} `json:"metrics"`
	Targets []struct {
		Kind     string   `json:"kind"`
		Outcome  string   `json:"outcome"`
		Distance *float64 `json:"distance"`
		Subject  string   `json:"subject"`
	} `json:"targets"`
}

func TestMissionsAPI(t *testing.T) {
	h, _ := newRealServer(t)
	var list struct {
		Missions []missionJSON `json:"missions"`
	}
	getJSON(t, h, "/api/v1/missions", http.StatusOK, &list)
	if len(list.Missions) != 12 || list.Missions[8].NoMetric == "" || list.Missions[6].Trend != "widening" {
		t.Fatalf("missions: %d, mission 9 no_metric %q, mission 7 trend %q", len(list.Missions), list.Missions[8].NoMetric, list.Missions[6].Trend)
	}
	hle := list.Missions[6].Metrics[0]
	if hle.Indicator != "female-healthy-life-expectancy" || hle.England == nil || *hle.England.Value != 61.3 ||
		hle.England.Label != "2022-24" || hle.Spread == nil || hle.Spread.Trend != "widening" || hle.Spread.BaselineYear != 2022 {
		t.Errorf("HLE %+v", hle)
	}
	if hle.Places != nil || hle.Sections != nil {
		t.Error("the list carries places or sections")
	}

	var m missionJSON
	getJSON(t, h, "/api/v1/missions/5", http.StatusOK, &m)
	ks2 := m.Metrics[0]
	if len(ks2.Places) < 100 || ks2.Places[0].Area.Name != "Hackney" || *ks2.Places[0].Change != 7 || ks2.Places[0].Rank != 1 {
		t.Errorf("key stage 2 first place %+v", ks2.Places[0])
	}
	if len(m.Targets) != 2 || m.Targets[0].Outcome != "off track" || *m.Targets[0].Distance != 30 || m.Targets[0].Subject != "England" {
		t.Errorf("targets %+v", m.Targets)
	}
	getJSON(t, h, "/api/v1/missions/13", http.StatusNotFound, nil)
	getJSON(t, h, "/api/v1/missions/one", http.StatusNotFound, nil)

	var area struct {
		Area struct {
			Name string `json:"name"`
		} `json:"area"`
		Missions []struct {
			Number  int `json:"number"`
			Metrics []struct {
				Indicator  string `json:"indicator"`
				Summary    string `json:"summary"`
				FiguresFor *struct {
					Code string `json:"code"`
				} `json:"figures_for"`
				Progress *struct {
					Change    *float64 `json:"change"`
					Direction string   `json:"direction"`
				} `json:"progress"`
				Inequality *struct {
					Between    string   `json:"between"`
					Difference *float64 `json:"difference"`
				} `json:"inequality"`
			} `json:"metrics"`
		} `json:"missions"`
	}
	getJSON(t, h, "/api/v1/areas/E06000009/missions", http.StatusOK, &area)
	if area.Area.Name != "Blackpool" || len(area.Missions) != 12 {
		t.Fatalf("area %q, %d missions", area.Area.Name, len(area.Missions))
	}
	f := area.Missions[6].Metrics[0]
	if f.Indicator != "female-healthy-life-expectancy" || f.Progress == nil || f.Progress.Direction != "worsened" ||
		f.Summary != "Female healthy life expectancy: 51.8 years, down 3.5 since 2017-19; the gap to England widened" ||
		f.Inequality == nil || f.Inequality.Between != "women and men" {
		t.Errorf("Blackpool HLE %+v", f)
	}
	if hom := area.Missions[10].Metrics[0]; hom.FiguresFor == nil || hom.FiguresFor.Code != "E12000002" {
		t.Errorf("Blackpool homicide %+v", hom)
	}
	getJSON(t, h, "/api/v1/areas/E99999999/missions", http.StatusNotFound, nil)
}
