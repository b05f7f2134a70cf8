// Command shipping answers shipping quotes. `shipping quote <carrier> <parcel>` answers one; `shipping serve`
// answers one request per line of stdin (`<carrier> <parcel>`), logging each.
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"strings"
)

func handle(carrierName, parcelLine string) (string, error) {
	parcel, err := ParseParcel(parcelLine)
	if err != nil {
		return "", err
	}
	quote, err := QuoteFor(carrierName, parcel)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("quote carrier=%s parcel=%s price=%.2f", quote.Carrier, quote.ParcelID, quote.Price), nil
}

func serve() {
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		request := strings.Fields(scanner.Text())
		if len(request) != 2 {
			log.Printf("bad request %q", scanner.Text())
			continue
		}
		log.Printf("request carrier=%s parcel=%s", request[0], request[1])
		answer, err := handle(request[0], request[1])
		if err != nil {
			log.Printf("rejected: %v", err)
			continue
		}
		log.Print(answer)
	}
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "quote" {
		answer, err := handle(os.Args[2], os.Args[3])
		if err != nil {
			fmt.Println("rejected:", err)
			return
		}
		fmt.Println(answer)
		return
	}
	if len(os.Args) == 2 && os.Args[1] == "serve" {
		serve()
		return
	}
	fmt.Fprintln(os.Stderr, "usage: shipping quote <carrier> <id;weightKg;zone> | shipping serve")
	os.Exit(64)
}
