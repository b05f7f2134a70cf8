package main

type profile struct{ nick, country string }

var profiles = map[string]*profile{"u1": {nick: "ada", country: "FR"}}

// @shift
func nickname(id string) string {
	p := profiles[id]
	// Bug: unknown ids give a nil profile.
	return p.nick
}

func countryOf(id string) string {
	p := profiles[id]
	// Bug: unknown ids give a nil profile.
	return p.country
}
