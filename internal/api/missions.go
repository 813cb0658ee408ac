package api

import (
	"net/http"
	"strconv"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/tracking"
)

// Missions answers GET /api/v1/missions: the twelve missions, each
// metric's England figure and the spread's move, and the targets.
func (a *API) Missions(w http.ResponseWriter, r *http.Request) error {
	snap := a.snap()
	b, err := snap.Memo("api/missions", func() ([]byte, error) {
		out := MissionList{Missions: []Mission{}}
		for _, m := range tracking.Overview(snap) {
			out.Missions = append(out.Missions, newMission(m, false))
		}
		return encode(out)
	})
	if err != nil {
		return err
	}
	return writeEncoded(w, b)
}

// Mission answers GET /api/v1/missions/{n}: one mission with each
// metric's gap measures in every period and every place's progress.
func (a *API) Mission(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("n")
	snap := a.snap()
	n, _ := strconv.Atoi(raw)
	m, ok := tracking.Get(snap, n)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "there is no mission %q: the missions are numbered 1 to 12", raw)
	}
	// Keyed by the number, not the path, so that 7 and 007 share one entry.
	b, err := snap.Memo("api/missions/"+strconv.Itoa(n), func() ([]byte, error) { return encode(newMission(m, true)) })
	if err != nil {
		return err
	}
	return writeEncoded(w, b)
}

// AreaMissions answers GET /api/v1/areas/{code}/missions: the place's
// progress on every mission metric.
func (a *API) AreaMissions(w http.ResponseWriter, r *http.Request) error {
	ams, area, ok := tracking.ForArea(a.snap(), r.PathValue("code"))
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "no area has the code %q", r.PathValue("code"))
	}
	return writeJSON(w, newAreaMissions(area, ams))
}
