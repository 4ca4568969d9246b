package planner

import "time"

// span reads when the block runs: start and weeks, or a race date with
// either of them. With a race the block counts back from it, so the race
// always falls in the last week.
func (pp *profileParser) span(raw *rawProfile) (start time.Time, weeks int, race *GoalRace) {
	if raw.RaceDate == nil {
		if raw.RaceName != nil {
			pp.fail("race_name", "needs race_date = YYYY-MM-DD as well")
		}
		return pp.date("start", raw.Start), pp.intInRange("weeks", raw.Weeks, MinWeeks, MaxWeeks, 0), nil
	}
	race = &GoalRace{Date: pp.date("race_date", raw.RaceDate)}
	if raw.RaceName != nil {
		race.Name = pp.requiredString("race_name", raw.RaceName)
	}
	if race.Date.IsZero() {
		return time.Time{}, 0, nil
	}
	switch {
	case raw.Start == nil && raw.Weeks == nil:
		pp.fail("race_date", "give start = YYYY-MM-DD (the block then runs to the race) or weeks = N (the block then ends on race day)")
		return time.Time{}, 0, nil
	case raw.Start == nil:
		weeks = pp.intInRange("weeks", raw.Weeks, MinWeeks, MaxWeeks, 0)
		if weeks == 0 {
			return time.Time{}, 0, nil
		}
		return race.Date.AddDate(0, 0, 1-7*weeks), weeks, race
	}
	start = pp.date("start", raw.Start)
	if start.IsZero() {
		return time.Time{}, 0, nil
	}
	days := int(race.Date.Sub(start).Hours() / 24)
	if days < 0 {
		pp.fail("race_date", "%s is before start (%s)", race.Date.Format(time.DateOnly), start.Format(time.DateOnly))
		return time.Time{}, 0, nil
	}
	inWeek := days/7 + 1
	if raw.Weeks == nil {
		if inWeek < MinWeeks || inWeek > MaxWeeks {
			pp.fail("race_date", "falls in week %d after start; a block is %d to %d weeks, so move start", inWeek, MinWeeks, MaxWeeks)
			return time.Time{}, 0, nil
		}
		return start, inWeek, race
	}
	weeks = pp.intInRange("weeks", raw.Weeks, MinWeeks, MaxWeeks, 0)
	if weeks != 0 && weeks != inWeek {
		pp.fail("race_date", "falls in week %d of the block, but weeks = %d; the race must be in the last week: remove weeks (it follows from the race) or set weeks = %d", inWeek, weeks, inWeek)
		return time.Time{}, 0, nil
	}
	return start, weeks, race
}
