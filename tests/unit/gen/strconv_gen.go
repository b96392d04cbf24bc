// strconv_gen.go prints the expectation tables of tests/unit/test_strconv.c.
// Every expected string comes from running Go's own strconv, fmt and
// println, so the tables are Go 1.19's behaviour, not anyone's reading of it.
//
// To regenerate (from the repository root):
//
//	go run tests/unit/gen/strconv_gen.go > /tmp/strconv_tables.inc
//
// then replace the lines between "BEGIN GENERATED" and "END GENERATED" in
// tests/unit/test_strconv.c with the file. The println table runs a child
// process (builtin println writes to stderr) and so needs `go` on PATH.
package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// c returns s as a C string literal: printable ASCII as is, every other byte
// as a three-digit octal escape (never greedy, unlike \x).
func c(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '"' || ch == '\\':
			b.WriteByte('\\')
			b.WriteByte(ch)
		case ch == '?':
			b.WriteString(`\?`) // no trigraphs, ever
		case ch >= 0x20 && ch < 0x7f:
			b.WriteByte(ch)
		default:
			fmt.Fprintf(&b, "\\%03o", ch)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cs is a (literal, length) pair, for strings that may hold NUL bytes.
func cs(s string) string { return fmt.Sprintf("%s, %d", c(s), len(s)) }

// i64 spells v as a C int64_t constant (-9223372036854775808LL would be
// unary minus on a too-large literal).
func i64(v int64) string {
	if v == math.MinInt64 {
		return "INT64_MIN"
	}
	return fmt.Sprintf("%dLL", v)
}

func errCode(err error) string {
	if err == nil {
		return "NUMERR_NONE"
	}
	ne, ok := err.(*strconv.NumError)
	if !ok {
		return "NUMERR_SYNTAX" // Unquote's bare ErrSyntax
	}
	switch {
	case ne.Err == strconv.ErrSyntax:
		return "NUMERR_SYNTAX"
	case ne.Err == strconv.ErrRange:
		return "NUMERR_RANGE"
	case strings.HasPrefix(ne.Err.Error(), "invalid base"):
		return "NUMERR_BASE"
	case strings.HasPrefix(ne.Err.Error(), "invalid bit size"):
		return "NUMERR_BITSIZE"
	}
	panic(err)
}

var floats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 2.5, -2.5, 3.14159,
	100, 1e6, 123456, 1234567, 123456789, 1e20, 1e21, 1e22, 1e23, 0.0001, 0.00001,
	5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 4.9406564584124654e-324,
	1.7976931348623157e308, math.MaxFloat32, math.SmallestNonzeroFloat32,
	1 << 53, 1<<53 + 2, 1 << 63, 1 << 64, 9007199254740993, 0.000001234, 1e-7, 123.456, -987654.321,
	5e-310, 1.5, 0.5, 0.05, 0.005, 2.675, 1e100, 299792458, 6.02214076e23, 1.602176634e-19,
	math.Pi, math.E, math.Inf(1), math.Inf(-1), math.NaN(),
	float64(float32(0.1)), float64(float32(1.0 / 3)), float64(float32(16777217)),
}

type fmtPrec struct {
	f byte
	p int
}

var ftoaCombos64 = []fmtPrec{{'g', -1}, {'e', -1}, {'f', -1}, {'e', 3}, {'f', 2}, {'g', 4}, {'G', 17},
	{'b', -1}, {'x', -1}, {'X', 3}, {'e', 25}}
var ftoaCombos32 = []fmtPrec{{'g', -1}, {'e', 5}, {'x', -1}}

func ftoaTable() {
	fmt.Println("static const FtoaCase ftoa_cases[] = {")
	n := 0
	for _, f := range floats {
		for _, bs := range []int{64, 32} {
			combos := ftoaCombos64
			if bs == 32 {
				combos = ftoaCombos32
			}
			for _, fp := range combos {
				fmt.Printf("    {0x%016xULL, '%c', %d, %d, %s},\n", math.Float64bits(f), fp.f, fp.p, bs,
					c(strconv.FormatFloat(f, fp.f, fp.p, bs)))
				n++
			}
		}
	}
	// Long and odd requests.
	for _, x := range []struct {
		f    float64
		fm   byte
		prec int
	}{{5e-324, 'f', 330}, {1e308, 'f', 0}, {0.1, 'f', 60}, {1.0 / 3, 'e', 50}, {2.5, 'f', 0}, {3.5, 'f', 0},
		{0.125, 'f', 2}, {0.375, 'f', 2}, {1.005, 'f', 2}, {9.995, 'g', 3}, {999.5, 'g', 3}, {0.5, 'g', 0},
		{123456, 'z', -1}, {1.5, 'q', 2}, {1, 'x', 0}, {1.9999, 'x', 1}, {-0.0, 'x', -1}, {0.1, 'G', -1}} {
		fmt.Printf("    {0x%016xULL, '%c', %d, 64, %s},\n", math.Float64bits(x.f), x.fm, x.prec,
			c(strconv.FormatFloat(x.f, x.fm, x.prec, 64)))
		n++
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "ftoa: %d\n", n)
}

func fmtTable() {
	formats := []string{"%v", "%g", "%e", "%E", "%f", "%F", "%G", "%b", "%x", "%X", "%.2f", "%.0f",
		"%.3e", "%.3g", "%10.3f", "%-10.3f|", "%010.3f", "%+.2f", "% .2f", "%+v", "%#v", "%#g", "%#.3g",
		"%#e", "%#.0f", "%#x", "%6.2v", "%5.1f", "%08v", "%-8v|", "% v", "%+08.2f", "%#.0e", "%.1000f"}
	vals := []float64{1e6, 123456, 1234567, 1e20, 1e21, 0.0001, 0.00001, 3.14159, -2.25, 2.25, 0,
		math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, 100, 0.1 + 0.2}
	fmt.Println("static const FmtCase fmt_cases[] = {")
	n := 0
	for i, f := range vals {
		for j, format := range formats {
			if format == "%.1000f" && f != 1e-300 {
				continue
			}
			if (i+j)%3 != 0 && j > 1 && format != "%.1000f" {
				continue // a spread, not the full product
			}
			fmt.Printf("    {%s, 64, 0x%016xULL, %s},\n", c(format), math.Float64bits(f), c(fmt.Sprintf(format, f)))
			n++
		}
	}
	for _, f := range []float32{0.1, 1.0 / 3, 16777216, 3.4028235e38, 1e-45} {
		for _, format := range []string{"%v", "%e", "%.3f", "%g"} {
			fmt.Printf("    {%s, 32, 0x%016xULL, %s},\n", c(format), math.Float64bits(float64(f)), c(fmt.Sprintf(format, f)))
			n++
		}
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "fmt: %d\n", n)

	// fmt.pad counts runes, not bytes.
	fmt.Println("static const PadCase pad_cases[] = {")
	for _, x := range []struct{ format, s string }{{"%6s", "héllo"}, {"%-6s|", "日本"}, {"%06s", "ab"},
		{"%-06s|", "ab"}, {"%3s", "abcdef"}, {"%4s", "\xff\xfe"}, {"%0s", "x"}} {
		fmt.Printf("    {%s, %s, %s},\n", c(x.format), cs(x.s), c(fmt.Sprintf(x.format, x.s)))
	}
	fmt.Println("};")
}

var printlnVals = []float64{2.5, 1, 0, math.Copysign(0, -1), -1, 1e300, 5e-324, 0.1, 1.0 / 3, 123456789,
	9.9999999, 99999995, 1e-5, math.Inf(1), math.Inf(-1), math.NaN(), 1.7976931348623157e308, -3.75e-7}

func printlnTable() {
	if len(os.Args) > 1 && os.Args[1] == "println-child" {
		for _, f := range printlnVals {
			println(f)
		}
		return
	}
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "println-child")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		panic(err)
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	fmt.Println("static const PrintlnCase println_cases[] = {")
	for i, f := range printlnVals {
		fmt.Printf("    {0x%016xULL, %s},\n", math.Float64bits(f), c(lines[i]))
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "println: %d\n", len(printlnVals))
}

func atofTable() {
	inputs := []string{"0", "-0", "1", "+1", "0.1", ".5", "5.", "1e6", "1E6", "1e+06", "1e-5", "123456789012345678901234567890",
		"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309", "1e-400", "-1e-400",
		"5e-324", "2e-324", "3e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
		"4.9406564584124654e-324", "2.2250738585072011e-308", "2.2250738585072012e-308",
		"inf", "+Inf", "-INF", "infinity", "-Infinity", "infin", "nan", "NaN", "NAN", "+nan", "-nan",
		"0x1p0", "0x1.8p1", "0X1P-2", "0x.8p1", "0x1p1024", "0x1p-1074", "0x1p-1075", "0x1.fffffffffffff8p1023", "0x1", "0x", "0xp1",
		"1_0.5", "1__0", "_1", "1_", "0x_1p0", "0_1", "1e1_0", "1.5e", "1e+", "", " 1", "1 ", "1.2.3", "abc", "1x", "++1", "-",
		"3.4028235e38", "3.4028236e38", "3.5e38", "1e-46", "1.4e-45", "7e-46", "0.1", "16777217", "9007199254740993",
		"0.30000000000000004", "100000000000000000000000", "1e23", "8.988465674311579e307", "4.4501477170144023e-308",
		"00000000000000000000000000001", "0.000000000000000000000000000000000000000000001e45"}
	fmt.Println("static const AtofCase atof_cases[] = {")
	n := 0
	for _, s := range inputs {
		for _, bs := range []int{64, 32} {
			v, err := strconv.ParseFloat(s, bs)
			fmt.Printf("    {%s, %d, 0x%016xULL, %s},\n", cs(s), bs, math.Float64bits(v), errCode(err))
			n++
		}
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "atof: %d\n", n)
}

func atoiTable() {
	type q struct {
		s          string
		base, bits int
	}
	cases := []q{{"0", 10, 64}, {"123", 10, 64}, {"-123", 10, 64}, {"+123", 10, 64}, {"9223372036854775807", 10, 64},
		{"9223372036854775808", 10, 64}, {"-9223372036854775808", 10, 64}, {"-9223372036854775809", 10, 64},
		{"18446744073709551615", 10, 64}, {"18446744073709551616", 10, 64}, {"127", 10, 8}, {"128", 10, 8},
		{"-128", 10, 8}, {"-129", 10, 8}, {"255", 10, 8}, {"256", 10, 8}, {"0x1F", 0, 64}, {"0X1f", 0, 64},
		{"0b101", 0, 64}, {"0o17", 0, 64}, {"017", 0, 64}, {"08", 0, 64}, {"0", 0, 64}, {"0x", 0, 64},
		{"1_000", 0, 64}, {"1_000", 10, 64}, {"0x_1F", 0, 64}, {"1__0", 0, 64}, {"_1", 0, 64}, {"1_", 0, 64},
		{"-0x10", 0, 64}, {"z", 36, 64}, {"Z", 36, 64}, {"zz", 36, 64}, {"12", 2, 64}, {"12", 1, 64}, {"12", 37, 64},
		{"12", 10, 65}, {"12", 10, -1}, {"", 10, 64}, {"-", 10, 64}, {"+", 10, 64}, {" 1", 10, 64}, {"1 ", 10, 64},
		{"-2", 0, 1}, {"1", 0, 1}, {"-1", 0, 1}, {"4294967296", 10, 32}, {"-2147483649", 10, 32}, {"123abc", 10, 64},
		{"١٢", 10, 64}, {"0xFFFFFFFFFFFFFFFF", 0, 64}, {"-0xFFFFFFFFFFFFFFFF", 0, 64}, {"777", 8, 0}, {"99999999999999999999", 0, 0}}
	fmt.Println("static const AtoiCase atoi_cases[] = {")
	for _, x := range cases {
		v1, e1 := strconv.ParseInt(x.s, x.base, x.bits)
		v2, e2 := strconv.ParseUint(x.s, x.base, x.bits)
		v3, e3 := strconv.Atoi(x.s)
		fmt.Printf("    {%s, %d, %d, %s, %s, %dULL, %s, %s, %s, %s},\n", cs(x.s), x.base, x.bits,
			i64(v1), errCode(e1), v2, errCode(e2), i64(int64(v3)), errCode(e3), c(fmt.Sprint(e1)))
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "atoi: %d (x4)\n", len(cases))

	// The other NumError spellings.
	fmt.Println("static const ErrTextCase errtext_cases[] = {")
	_, e := strconv.Atoi("x")
	fmt.Printf("    {\"Atoi\", %s, NUMERR_SYNTAX, 0, %s},\n", cs("x"), c(e.Error()))
	_, e = strconv.Atoi("99999999999999999999")
	fmt.Printf("    {\"Atoi\", %s, NUMERR_RANGE, 0, %s},\n", cs("99999999999999999999"), c(e.Error()))
	_, e = strconv.ParseFloat("1e400", 64)
	fmt.Printf("    {\"ParseFloat\", %s, NUMERR_RANGE, 0, %s},\n", cs("1e400"), c(e.Error()))
	_, e = strconv.ParseUint("7", 40, 64)
	fmt.Printf("    {\"ParseUint\", %s, NUMERR_BASE, 40, %s},\n", cs("7"), c(e.Error()))
	_, e = strconv.ParseInt("7", 10, 99)
	fmt.Printf("    {\"ParseInt\", %s, NUMERR_BITSIZE, 99, %s},\n", cs("7"), c(e.Error()))
	_, e = strconv.ParseBool("yes")
	fmt.Printf("    {\"ParseBool\", %s, NUMERR_SYNTAX, 0, %s},\n", cs("yes"), c(e.Error()))
	_, e = strconv.Atoi("a\x00\"\n\xff")
	fmt.Printf("    {\"Atoi\", %s, NUMERR_SYNTAX, 0, %s},\n", cs("a\x00\"\n\xff"), c(e.Error()))
	fmt.Println("};")
}

func itoaTable() {
	fmt.Println("static const ItoaCase itoa_cases[] = {")
	n := 0
	for _, i := range []int64{0, 1, -1, 7, 99, 100, -100, 255, 1000000, math.MaxInt64, math.MinInt64, -123456789, 36, 35} {
		for _, b := range []int{10, 2, 8, 16, 36, 3, 7} {
			fmt.Printf("    {%s, 0x%xULL, %d, %s, %s},\n", i64(i), uint64(i), b, c(strconv.FormatInt(i, b)), c(strconv.FormatUint(uint64(i), b)))
			n += 2
		}
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "itoa: %d\n", n)
}

func quoteTable() {
	strs := []string{"", "hello", "a\"b", "back\\slash", "\a\b\f\n\r\t\v", "\x00\x01\x1f\x7f", "héllo", "日本語",
		"\xff", "a\xc3", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\u00ad", "\u00a0", "\u2028", "\u3000",
		"\U0001F600", "\U000E0001", "\ufeff", "\u0378", "`raw`", "tab\there", "'single'", "\u061c", "\U00010000"}
	fmt.Println("static const QuoteCase quote_cases[] = {")
	for _, s := range strs {
		cb := 0
		if strconv.CanBackquote(s) {
			cb = 1
		}
		fmt.Printf("    {%s, %s, %s, %s, %d},\n", cs(s), c(strconv.Quote(s)), c(strconv.QuoteToASCII(s)),
			c(strconv.QuoteToGraphic(s)), cb)
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "quote: %d (x4)\n", len(strs))

	fmt.Println("static const RuneCase rune_cases[] = {")
	runes := []rune{'a', '\'', '"', '\\', '\n', 0, 0x7f, 0xa0, 0xad, 0xe9, 0x2028, 0x3000, 0xfeff, 0x1F600, 0xE0001,
		0xD800, 0x110000, -1, 0x10FFFF, 0x378, 0x1F, 0x85}
	for _, r := range runes {
		ip, ig := 0, 0
		if strconv.IsPrint(r) {
			ip = 1
		}
		if strconv.IsGraphic(r) {
			ig = 1
		}
		fmt.Printf("    {%d, %s, %s, %s, %d, %d},\n", r, c(strconv.QuoteRune(r)), c(strconv.QuoteRuneToASCII(r)),
			c(strconv.QuoteRuneToGraphic(r)), ip, ig)
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "rune: %d (x5)\n", len(runes))

	lits := []string{`"abc"`, `"a\tb"`, `"\x41\101\u00e9\U0001F600"`, `"\'"`, `'\''`, `'"'`, `"\""`, `'a'`, `'ab'`,
		`''`, `'\u00e9'`, `'é'`, "`a\\nb`", "`a\r\nb`", "`unterminated", `"unterminated`, `"a"b`, `"\xff"`,
		"\"\xff\"", "'\xff'", `"\400"`, `"\377"`, `"\8"`, `"\q"`, `"\uD800"`, `"\U00110000"`, "\"a\nb\"", `x`, `"`,
		`"\u12"`, `"\x4"`, `'\x80'`, `"a\`, "\"\x00\"", `"日本"`, `'\U0001F600'`, `"abc" `, `"\UFFFFFFFF"`, `"\U0010FFFF"`,
		`"\u00E9"`}
	fmt.Println("static const UnquoteCase unquote_cases[] = {")
	for _, s := range lits {
		u, err := strconv.Unquote(s)
		qp, qerr := strconv.QuotedPrefix(s)
		qpl := len(qp)
		if qerr != nil {
			qpl = -1
		}
		fmt.Printf("    {%s, %s, %s, %d},\n", cs(s), cs(u), map[bool]string{true: "true", false: "false"}[err == nil], qpl)
	}
	fmt.Println("};")
	fmt.Fprintf(os.Stderr, "unquote: %d (x2)\n", len(lits))

	np, ng := 0, 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if strconv.IsPrint(r) {
			np++
		}
		if strconv.IsGraphic(r) {
			ng++
		}
	}
	fmt.Printf("#define ISPRINT_COUNT %d\n#define ISGRAPHIC_COUNT %d\n", np, ng)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "println-child" {
		printlnTable()
		return
	}
	fmt.Println("/* BEGIN GENERATED by tests/unit/gen/strconv_gen.go (go1.19); do not edit by hand */")
	ftoaTable()
	fmtTable()
	printlnTable()
	atofTable()
	atoiTable()
	itoaTable()
	quoteTable()
	fmt.Println("/* END GENERATED */")
}
