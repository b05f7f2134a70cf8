// Runs one buggy function for the accuracy benchmark: `shop <mode> <bug> <input>`. Go has no catch: a panic is
// printed by the runtime on stderr and the process exits 2, so each error case is its own process.
// clean mode logs INFO/WARN lines that mention errors.
package main

import (
	"log"
	"os"
)

var bugs = map[string]func(string){
	"unitPrice": func(s string) { _ = unitPrice(s) },
	"perItem":   func(s string) { _ = perItem(s) },
	"nickname":  func(s string) { _ = nickname(s) },
	"countryOf": func(s string) { _ = countryOf(s) },
}

func main() {
	if len(os.Args) < 4 || os.Args[1] == "clean" {
		log.Print("INFO server started, error budget 0.1%")
		log.Print("WARN request_id=r-100 retrying after error: upstream reset")
		log.Print("INFO errors in the last hour: 0")
		return
	}
	call(os.Args[2], os.Args[3])
}

func call(bug, input string) {
	bugs[bug](input)
}
