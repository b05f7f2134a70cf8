package main

import "strconv"

var prices = []int{3, 5, 8}

// @shift
func unitPrice(input string) int {
	index, _ := strconv.Atoi(input)
	// Bug: the index comes from the request and is not checked.
	return prices[index]
}

func perItem(input string) int {
	count, _ := strconv.Atoi(input)
	// Bug: an empty basket has count 0.
	return 120 / count
}
