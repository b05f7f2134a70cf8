// Snippets that make the Go runtime and standard library report the errors go.rules.json describes. Each case
// is the smallest realistic code that fails the way services do; collectExamples.ts builds this program, runs
// `./snippets <case>` for every case and reads the panic with the Go parser. Errors that code returns rather
// than panics with reach the log through `must`, i.e. `panic(err)`, which prints `panic: ` + err.Error().
package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"
)

type Parcel struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
}

type Carrier struct {
	Name string
	Rate *Rate
}

type Rate struct{ PerKg float64 }

func (r *Rate) Price(kg float64) float64 { return r.PerKg * kg }

type Sizer interface{ Volume() float64 }

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func must1[T any](_ T, err error) { must(err) }

var cases = map[string]func(){
	// null-reference
	"nilPointerField": func() {
		carriers := map[string]*Carrier{}
		fmt.Println(carriers["dhl"].Name)
	},
	"nilPointerMethod": func() {
		c := &Carrier{Name: "ups"}
		fmt.Println(c.Rate.Price(2))
	},
	"nilFuncCall": func() {
		var hooks map[string]func() string
		fmt.Println(hooks["after"]())
	},
	"nilMapWrite": func() {
		var totals map[string]int
		totals["dhl"] += 3
	},
	"nilNestedMapWrite": func() {
		zones := map[string]map[string]float64{}
		zones["eu"]["de"] = 4.5
	},
	"nilInterfaceAssertion": func() {
		var v interface{}
		fmt.Println(v.(string))
	},
	"nilInterfaceAssertionFromMap": func() {
		meta := map[string]interface{}{}
		fmt.Println(meta["carrier"].(string))
	},
	"reflectZeroValue": func() {
		var v reflect.Value
		fmt.Println(v.Interface())
	},
	"reflectNilElem": func() {
		var p *Parcel
		fmt.Println(reflect.ValueOf(p).Elem().Field(0))
	},
	// index-out-of-range
	"indexOutOfRange": func() {
		legs := []string{"a", "b", "c"}
		i := 5
		fmt.Println(legs[i])
	},
	"indexOutOfRangeEmpty": func() {
		var quotes []float64
		fmt.Println(quotes[0])
	},
	"negativeIndex": func() {
		legs := []string{"a"}
		i := strings.Index("abc", "z")
		fmt.Println(legs[i])
	},
	"sliceCapacity": func() {
		buf := make([]byte, 3)
		n := 5
		fmt.Println(buf[:n])
	},
	"sliceLengthString": func() {
		code := "DE1"
		n := 7
		fmt.Println(code[:n])
	},
	"sliceInverted": func() {
		legs := []int{1, 2, 3, 4, 5}
		from, to := 4, 2
		fmt.Println(legs[from:to])
	},
	"sliceStartPastLength": func() {
		line := "ab"
		from := 5
		fmt.Println(line[from:])
	},
	"makeSliceNegative": func() {
		n := strings.Index("abc", "z")
		fmt.Println(len(make([]int, n)))
	},
	"sortIndexOutOfRange": func() {
		xs := []int{3, 1}
		sort.Slice(xs, func(i, j int) bool { return xs[i+1] < xs[j] })
	},
	// division-by-zero
	"divideByZero": func() {
		parcels := 0
		fmt.Println(100 / parcels)
	},
	"moduloByZero": func() {
		shards := 0
		fmt.Println(17 % shards)
	},
	// concurrency
	"concurrentMapWrites": func() {
		m := map[int]int{}
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; ; i++ {
					m[i%64] = g
				}
			}(g)
		}
		wg.Wait()
	},
	"concurrentMapReadWrite": func() {
		m := map[int]int{0: 0}
		go func() {
			for i := 0; ; i++ {
				m[i%64] = i
			}
		}()
		for i := 0; ; i++ {
			_ = m[i%64]
		}
	},
	"deadlockChannel": func() {
		results := make(chan int)
		results <- 1
	},
	"deadlockWaitGroup": func() {
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Wait()
	},
	"closeClosedChannel": func() {
		done := make(chan struct{})
		close(done)
		close(done)
	},
	"sendOnClosedChannel": func() {
		jobs := make(chan int, 1)
		close(jobs)
		jobs <- 1
	},
	"closeNilChannel": func() {
		var done chan struct{}
		close(done)
	},
	"negativeWaitGroup": func() {
		var wg sync.WaitGroup
		wg.Done()
	},
	"unlockUnlockedMutex": func() {
		var mu sync.Mutex
		mu.Unlock()
	},
	"runlockUnlockedRWMutex": func() {
		var mu sync.RWMutex
		mu.RUnlock()
	},
	// type-mismatch
	"interfaceConversion": func() {
		var v interface{} = "12"
		fmt.Println(v.(int))
	},
	"interfaceConversionFromJSON": func() {
		var body map[string]interface{}
		must(json.Unmarshal([]byte(`{"weight": 2.5}`), &body))
		fmt.Println(body["weight"].(int))
	},
	"interfaceMissingMethod": func() {
		var v interface{} = Parcel{}
		fmt.Println(v.(Sizer).Volume())
	},
	"unhashableMapKey": func() {
		seen := map[interface{}]bool{}
		seen[[]int{1}] = true
	},
	"uncomparableType": func() {
		var a, b interface{} = []int{1}, []int{1}
		fmt.Println(a == b)
	},
	"reflectWrongKind": func() {
		fmt.Println(reflect.ValueOf("3").Int())
	},
	"jsonUnsupportedType": func() {
		must1(json.Marshal(map[string]interface{}{"ch": make(chan int)}))
	},
	// invalid-conversion
	"atoiSyntax":          func() { must1(strconv.Atoi("abc")) },
	"atoiSyntaxDecimal":   func() { must1(strconv.Atoi("2.5")) },
	"atoiRange":           func() { must1(strconv.Atoi("99999999999999999999")) },
	"parseIntRange":       func() { must1(strconv.ParseInt("300", 10, 8)) },
	"parseFloatSyntax":    func() { must1(strconv.ParseFloat("1,5", 64)) },
	"parseFloatEmpty":     func() { must1(strconv.ParseFloat("", 64)) },
	"parseBoolSyntax":     func() { must1(strconv.ParseBool("yes")) },
	"parseBoolEmpty":      func() { must1(strconv.ParseBool("")) },
	"timeParseMonth":      func() { must1(time.Parse("2006-01-02", "2024-13-01")) },
	"timeParseLayout":     func() { must1(time.Parse("2006-01-02", "01/02/2024")) },
	"durationUnit":        func() { must1(time.ParseDuration("5 minutes")) },
	"durationMissingUnit": func() { must1(time.ParseDuration("30")) },
	"base64Illegal":       func() { must1(base64.StdEncoding.DecodeString("not base64!")) },
	"base64Truncated":     func() { must1(base64.StdEncoding.DecodeString("YWJjZA=")) },
	"hexInvalidByte":      func() { must1(hex.DecodeString("zz")) },
	"hexOddLength":        func() { must1(hex.DecodeString("abc")) },
	// parse-error
	"jsonInvalidLiteral": func() {
		var p Parcel
		must(json.Unmarshal([]byte("not json"), &p))
	},
	"jsonInvalidObjectKey": func() {
		var p Parcel
		must(json.Unmarshal([]byte(`{"id": "p1",}`), &p))
	},
	"jsonTypeField": func() {
		var p Parcel
		must(json.Unmarshal([]byte(`{"weight": "2kg"}`), &p))
	},
	"jsonTypeValue": func() {
		var p Parcel
		must(json.Unmarshal([]byte(`[1, 2]`), &p))
	},
	"jsonUnexpectedEnd": func() {
		var p Parcel
		must(json.Unmarshal([]byte(`{"id": "p1"`), &p))
	},
	"jsonEmpty": func() {
		var p Parcel
		must(json.Unmarshal([]byte(""), &p))
	},
	"regexpMissingParen":    func() { regexp.MustCompile(`^(\d+`) },
	"regexpBadRepeat":       func() { regexp.MustCompile(`*.csv`) },
	"urlMissingBracket":     func() { must1(url.Parse("http://[::1:8080/quote")) },
	"urlBadPort":            func() { must1(url.Parse("http://carrier:port/quote")) },
	"templateParse":         func() { template.Must(template.New("label").Parse("{{.Name")) },
	"templateParseFunction": func() { template.Must(template.New("label").Parse("{{money .Price}}")) },
	// missing-key
	"templateMissingKey": func() {
		t := template.Must(template.New("label").Option("missingkey=error").Parse("{{.carrier}}"))
		must(t.Execute(new(strings.Builder), map[string]string{"service": "express"}))
	},
	"templateMissingKeyNested": func() {
		t := template.Must(template.New("quote").Option("missingkey=error").Parse("{{.zone}} {{.rate}}"))
		must(t.Execute(new(strings.Builder), map[string]int{"zone": 2}))
	},
	// file-not-found
	"openMissing":     func() { must1(os.Open("/nonexistent/shipping/rates.csv")) },
	"readFileMissing": func() { must1(os.ReadFile("/etc/shipping/carriers.json")) },
	"statMissing":     func() { must1(os.Stat("/var/lib/shipping/labels")) },
	"removeMissing":   func() { must(os.Remove("/tmp/homeostasis-snippet-missing.lock")) },
	// missing-dependency
	"execNotFound":     func() { must(exec.Command("labelprinter", "--version").Run()) },
	"execNotFoundPath": func() { must(exec.Command("carrierctl").Run()) },
	// permission-denied
	"execPermission":     func() { must(exec.Command("/etc/passwd").Run()) },
	"writeSysPermission": func() { must(os.WriteFile("/sys/kernel/homeostasis-snippet", []byte("1"), 0o644)) },
	// connection-error
	"dialRefused":        func() { must1(net.Dial("tcp", "127.0.0.1:1")) },
	"httpRefused":        func() { must1(http.Get("http://127.0.0.1:1/quote")) },
	"dialUnixMissing":    func() { must1(net.Dial("unix", "/nonexistent/carrier.sock")) },
	"dialUnixMissingRun": func() { must1(net.Dial("unix", "/run/homeostasis-snippet/carrier.sock")) },
	"listenInUse": func() {
		path := "/tmp/homeostasis-snippet-carrier.sock"
		_ = os.Remove(path)
		first, err := net.Listen("unix", path)
		must(err)
		defer first.Close()
		must1(net.Listen("unix", path))
	},
	"listenTCPInUse": func() {
		first, err := net.Listen("tcp", "127.0.0.1:0")
		must(err)
		defer first.Close()
		_, err = net.Listen("tcp", first.Addr().String())
		must(errors.Unwrap(err))
	},
	// timeout
	"contextDeadline": func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		<-ctx.Done()
		must(ctx.Err())
	},
	"contextDeadlineWrapped": func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		<-ctx.Done()
		must(fmt.Errorf("quote carrier dhl: %w", ctx.Err()))
	},
	"pipeReadTimeout": func() {
		client, server := net.Pipe()
		defer server.Close()
		must(client.SetReadDeadline(time.Now().Add(time.Millisecond)))
		must1(client.Read(make([]byte, 1)))
	},
	"pipeWriteTimeout": func() {
		client, server := net.Pipe()
		defer server.Close()
		must(client.SetWriteDeadline(time.Now().Add(time.Millisecond)))
		must1(client.Write([]byte("quote")))
	},
	"httpClientTimeout": func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		must(err)
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				defer conn.Close()
			}
		}()
		// The URL names the service; the transport dials the local listener, so the message has no port in it.
		transport := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", ln.Addr().String())
		}}
		client := &http.Client{Timeout: 20 * time.Millisecond, Transport: transport}
		must1(client.Get("http://carriers.internal/quote"))
	},
	"httpContextTimeout": func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		must(err)
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				defer conn.Close()
			}
		}()
		transport := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", ln.Addr().String())
		}}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://rates.internal/v1/zones", nil)
		must(err)
		must1((&http.Client{Transport: transport}).Do(req))
	},
	// resource-exhausted
	"stackOverflow": func() {
		debug.SetMaxStack(1 << 20)
		var depth func(int) int
		depth = func(n int) int { return depth(n+1) + 1 }
		fmt.Println(depth(0))
	},
	"stackOverflowMethod": func() {
		debug.SetMaxStack(1 << 20)
		fmt.Println(walk(&node{}))
	},
	"outOfMemory": func() {
		debug.SetGCPercent(-1)
		var keep [][]byte
		for {
			keep = append(keep, make([]byte, 1<<30))
		}
	},
	"outOfMemoryHuge": func() {
		n := 1 << 40
		buf := make([]byte, n)
		fmt.Println(len(buf))
	},
	"tooManyOpenFiles": func() {
		var files []*os.File
		for {
			f, err := os.Open("/dev/null")
			must(err)
			files = append(files, f)
		}
	},
	"tooManyOpenFilesSocket": func() {
		var conns []net.Listener
		for {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				must(errors.Unwrap(errors.Unwrap(err)))
			}
			conns = append(conns, ln)
		}
	},
	"scannerTokenTooLong": func() {
		s := bufio.NewScanner(strings.NewReader(strings.Repeat("x", 70_000)))
		for s.Scan() {
		}
		must(s.Err())
	},
	"scannerTokenTooLongBuffer": func() {
		s := bufio.NewScanner(strings.NewReader(strings.Repeat("y", 200)))
		s.Buffer(make([]byte, 16), 64)
		for s.Scan() {
		}
		must(s.Err())
	},
	// application panics (assertion)
	"panicString": func() { panic("unreachable: unknown carrier state") },
	"panicErrorf": func() { panic(fmt.Sprintf("invariant violated: parcel %s has no zone", "p-17")) },
	"interfaceMissingMethodPointer": func() {
		var v interface{} = &Parcel{}
		fmt.Println(v.(fmt.Stringer).String())
	},
	"negativeIndexString": func() {
		code := "abc"
		i := strings.LastIndex(code, "z")
		fmt.Println(code[i])
	},
	"makeSliceCap": func() {
		n := strings.Index("abc", "z")
		fmt.Println(cap(make([]int, 0, n)))
	},
	"concurrentMapDeletes": func() {
		m := map[int]int{}
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					m[i%64] = i
					delete(m, i%64)
				}
			}()
		}
		wg.Wait()
	},
	"concurrentMapIterateWrite": func() {
		m := map[int]int{0: 0, 1: 1}
		go func() {
			for i := 0; ; i++ {
				m[i%64] = i
			}
		}()
		for i := 0; ; i++ {
			for range m {
			}
		}
	},
	"closeClosedChannelWorker": func() {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			close(stop)
		}()
		wg.Wait()
		close(stop)
	},
	"sendOnClosedChannelSelect": func() {
		events := make(chan string, 1)
		close(events)
		select {
		case events <- "shipped":
		default:
		}
	},
	"closeNilChannelField": func() {
		type worker struct{ quit chan bool }
		w := worker{}
		close(w.quit)
	},
	"negativeWaitGroupAdd": func() {
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Add(-2)
	},
	"unlockUnlockedRWMutex": func() {
		var mu sync.RWMutex
		mu.Unlock()
	},
	"unhashableMapLookup": func() {
		cache := map[interface{}]string{}
		fmt.Println(cache[map[string]int{"kg": 2}])
	},
	"uncomparableStruct": func() {
		type quote struct{ legs []string }
		var a, b interface{} = quote{}, quote{}
		fmt.Println(a == b)
	},
	"reflectWrongKindLen": func() {
		fmt.Println(reflect.ValueOf(3).Len())
	},
	"jsonUnsupportedFunc": func() {
		must1(json.Marshal(struct{ OnDone func() }{OnDone: func() {}}))
	},
	"templateParseBadPipe":       func() { template.Must(template.New("label").Parse("{{if}}{{end}}")) },
	"templateParseFunctionUpper": func() { template.Must(template.New("quote").Parse("{{upper .Carrier}}")) },
	"httpClientTimeoutPost": func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		must(err)
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				defer conn.Close()
			}
		}()
		transport := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", ln.Addr().String())
		}}
		client := &http.Client{Timeout: 20 * time.Millisecond, Transport: transport}
		must1(client.Post("http://carriers.internal/labels", "application/json", strings.NewReader("{}")))
	},
}

type node struct{ next *node }

func walk(n *node) int { return walk(n) + 1 }

func main() {
	if len(os.Args) != 2 {
		names := make([]string, 0, len(cases))
		for name := range cases {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Println(strings.Join(names, "\n"))
		return
	}
	run, ok := cases[os.Args[1]]
	if !ok {
		fmt.Fprintln(os.Stderr, "unknown case", os.Args[1])
		os.Exit(64)
	}
	run()
	fmt.Fprintln(os.Stderr, "case returned without a panic")
	os.Exit(65)
}
