package planner

import (
	"maps"
	"slices"
	"strconv"

	"github.com/stance-ssg/stance/generator/training"
)

// loads reads the [loads] table: per implement, what the athlete owns,
// lightest first. Weights are numbers in the profile's units; bands are
// names, from the lightest band to the strongest.
//
//	[loads]
//	dumbbells = [4, 6, 8, 10, 12]
//	band = ["yellow", "red", "green"]
func (pp *profileParser) loads(v any, equipment []string, units string) map[string][]Load {
	if v == nil {
		return nil
	}
	table, ok := v.(map[string]any)
	if !ok {
		pp.fail("loads", "must be a table like [loads] with dumbbells = [4, 6, 8], got %s", tomlType(v))
		return nil
	}
	owned := map[string][]Load{}
	for _, implement := range slices.Sorted(maps.Keys(table)) {
		field := "loads." + implement
		switch {
		case !training.IsImplement(implement):
			pp.fail(field, "unknown implement; [loads] takes %s", quoteList(training.Implements))
			continue
		case !slices.Contains(equipment, implement):
			pp.fail(field, "%q is not in equipment; add it there too", implement)
			continue
		}
		list, ok := table[implement].([]any)
		if !ok || len(list) == 0 || len(list) > maxOwnedLoads {
			pp.fail(field, "must be a list of 1 to %d %s, lightest first", maxOwnedLoads, loadKind(implement))
			continue
		}
		var loads []Load
		if implement == "band" {
			loads = pp.bands(field, list)
		} else {
			loads = pp.weights(field, list, units)
		}
		if loads != nil {
			owned[implement] = loads
		}
	}
	return owned
}

func loadKind(implement string) string {
	if implement == "band" {
		return "band names"
	}
	return "weights"
}

func (pp *profileParser) weights(field string, list []any, units string) []Load {
	out := make([]Load, 0, len(list))
	for _, item := range list {
		var w float64
		switch n := item.(type) {
		case int64:
			w = float64(n)
		case float64:
			w = n
		default:
			pp.fail(field, "weights must be numbers in %s, got %s", units, tomlType(item))
			return nil
		}
		if w <= 0 || w > 500 {
			pp.fail(field, "weights must be above 0 and at most 500 %s, got %g", units, w)
			return nil
		}
		if len(out) > 0 && w <= out[len(out)-1].Weight {
			pp.fail(field, "list the weights lightest first without repeats: %g comes after %g", w, out[len(out)-1].Weight)
			return nil
		}
		out = append(out, Load{Label: strconv.FormatFloat(w, 'f', -1, 64) + " " + units, Weight: w})
	}
	return out
}

func (pp *profileParser) bands(field string, list []any) []Load {
	out := make([]Load, 0, len(list))
	for _, item := range list {
		name, ok := item.(string)
		if !ok || name == "" || len(name) > 40 {
			pp.fail(field, "bands are names of 1 to 40 characters, lightest first, got %s", tomlType(item))
			return nil
		}
		for _, b := range out {
			if b.Label == name {
				pp.fail(field, "band %q is listed twice", name)
				return nil
			}
		}
		out = append(out, Load{Label: name})
	}
	return out
}
