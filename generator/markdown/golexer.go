package markdown

import (
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// goLexer is a hand-written copy of chroma v2.27.0's Go lexer
// (lexers/go.go, goRules). chroma tries about thirty regexp2 rules one
// after another at every position, which made highlighting 70 % of a
// build; this scans each byte once.
//
// It must produce exactly chroma's tokens, down to how they are split,
// because chroma.Coalesce stops merging a run once it reaches 8192 bytes,
// so the split of the raw tokens can show in the HTML. Each rule below
// therefore emits one raw token per regexp match, as chroma's RegexLexer
// does, and render.go wraps the lexer in the same chroma.Coalesce.
//
// It hands the whole input to chroma's lexer when it cannot be exact in a
// simple way:
//   - a backtick: raw strings are lexed by chroma's Go text template
//     lexer, a second regexp lexer not worth copying;
//   - a byte >= 0x80: regexp2's \s, \w, \d and \b are Unicode-aware and
//     chroma counts positions in runes;
//   - a '\r': chroma's Tokenise rewrites line endings first;
//   - a string literal with no closing quote: regexp2 then backtracks
//     through the escapes (exponentially, under a 250 ms match timeout),
//     and the result is not worth reproducing for code that does not
//     compile;
//   - options asking for another start state.
//
// The differential tests and FuzzGoLexer in golexer_test.go hold it to
// chroma's output.
type goLexer struct {
	// chroma's Go lexer supplies the Config, the analyser and the
	// fallback.
	chroma.Lexer
}

var fastGo chroma.Lexer = goLexer{lexers.Go}

func (l goLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options != nil && options.State != "" && options.State != "root" {
		return l.Lexer.Tokenise(options, text)
	}
	tokens, ok := tokeniseGo(text)
	if !ok {
		return l.Lexer.Tokenise(options, text)
	}
	return chroma.Literator(tokens...), nil
}

// tokeniseGo returns chroma's raw (uncoalesced) tokens for text, or false
// if text needs chroma's own lexer (see goLexer).
func tokeniseGo(text string) ([]chroma.Token, bool) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0x80 || c == '`' || c == '\r' {
			return nil, false
		}
	}
	lx := goScanner{text: text, tokens: make([]chroma.Token, 0, len(text)/3+1)}
	if !lx.run() {
		return nil, false
	}
	return lx.tokens, true
}

type goScanner struct {
	text   string
	tokens []chroma.Token
}

func (s *goScanner) emit(t chroma.TokenType, from, to int) {
	s.tokens = append(s.tokens, chroma.Token{Type: t, Value: s.text[from:to]})
}

// at returns the byte at i, or 0 past the end. No rule matches a NUL in
// the place where this is used, so NUL stands for "end of text" safely
// (0 is neither a word, digit, space nor any punctuation byte).
func (s *goScanner) at(i int) byte {
	if i < len(s.text) {
		return s.text[i]
	}
	return 0
}

// The ASCII halves of regexp2's classes (measured with regexp2 itself:
// \s is \t \n \v \f \r and space, nothing in 0x1c-0x1f).
func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func (s *goScanner) skip(i int, class func(byte) bool) int {
	for i < len(s.text) && class(s.text[i]) {
		i++
	}
	return i
}

// whitespace emits what the first two rules emit for the whitespace run
// [from, to): `\n` alone, else the longest `\s+`, which swallows later
// newlines too. The function rule lexes the space before "(" the same way
// (UsingSelf).
func (s *goScanner) whitespace(from, to int) {
	for i := from; i < to; {
		if s.text[i] == '\n' {
			s.emit(chroma.TextWhitespace, i, i+1)
			i++
			continue
		}
		s.emit(chroma.TextWhitespace, i, to)
		return
	}
}

func (s *goScanner) run() bool {
	text := s.text
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case isSpace(c):
			end := i + 1
			if c != '\n' {
				end = s.skip(i, isSpace)
			}
			s.emit(chroma.TextWhitespace, i, end)
			i = end
		case c == '/':
			i = s.slash(i)
		case isWord(c) && !isDigit(c):
			i = s.word(i)
		case isDigit(c):
			i = s.number(i)
		case c == '.':
			if end, t := s.dotNumber(i); end > 0 {
				s.emit(t, i, end)
				i = end
			} else {
				i = s.operator(i)
			}
		case c == '\'':
			i = s.char(i)
		case c == '"':
			end := s.str(i)
			if end < 0 {
				return false
			}
			s.emit(chroma.LiteralString, i, end)
			i = end
		default:
			i = s.operator(i)
		}
	}
	return true
}

// slash covers the comment rules, which come before the operators:
//
//	//[^\s\n\r][^\n\r]*               CommentPreproc (//go:build, //line)
//	//[^\n\r]*                        CommentSingle
//	/(\\\n)?[*](.|\n)*?[*](\\\n)?/    CommentMultiline
func (s *goScanner) slash(i int) int {
	text := s.text
	if s.at(i+1) == '/' {
		end := i + 2
		for end < len(text) && text[end] != '\n' {
			end++
		}
		t := chroma.CommentSingle
		if i+2 < len(text) && !isSpace(text[i+2]) {
			t = chroma.CommentPreproc
		}
		s.emit(t, i, end)
		return end
	}
	if end := s.blockComment(i); end > 0 {
		s.emit(chroma.CommentMultiline, i, end)
		return end
	}
	return s.operator(i)
}

// blockComment returns the end of the multi-line comment rule's match at
// i, or -1. The opening is "/*" or "/\␤*"; the lazy body stops at the
// first "*" followed by "/" or by "\␤/".
func (s *goScanner) blockComment(i int) int {
	var body int
	switch {
	case s.at(i+1) == '*':
		body = i + 2
	case s.at(i+1) == '\\' && s.at(i+2) == '\n' && s.at(i+3) == '*':
		body = i + 4
	default:
		return -1
	}
	for q := body; q < len(s.text); q++ {
		if s.text[q] != '*' {
			continue
		}
		if s.at(q+1) == '/' {
			return q + 2
		}
		if s.at(q+1) == '\\' && s.at(q+2) == '\n' && s.at(q+3) == '/' {
			return q + 4
		}
	}
	return -1
}

// word covers the rules that start with a letter or '_'. The keyword
// rules end in \b, so they match only a whole word; the rest follow in
// chroma's order.
func (s *goScanner) word(i int) int {
	end := s.skip(i, isWord)
	w := s.text[i:end]
	if t, ok := goKeyword(w); ok {
		s.emit(t, i, end)
		return end
	}
	if s.at(end) == '(' && isGoBuiltinFunc(w) {
		// Words(..., `\b(\()`): ByGroups(NameBuiltin, Punctuation).
		s.emit(chroma.NameBuiltin, i, end)
		s.emit(chroma.Punctuation, end, end+1)
		return end + 1
	}
	if isGoType(w) {
		s.emit(chroma.KeywordType, i, end)
		return end
	}
	// ([a-zA-Z_]\w*)(\s*)(\(): NameFunction, UsingSelf("root"), Punctuation.
	if sp := s.skip(end, isSpace); s.at(sp) == '(' {
		s.emit(chroma.NameFunction, i, end)
		s.whitespace(end, sp)
		s.emit(chroma.Punctuation, sp, sp+1)
		return sp + 1
	}
	// [^\W\d]\w*
	s.emit(chroma.NameOther, i, end)
	return end
}

func goKeyword(w string) (chroma.TokenType, bool) {
	switch w {
	case "import", "package":
		return chroma.KeywordNamespace, true
	case "var", "func", "struct", "map", "chan", "type", "interface", "const":
		return chroma.KeywordDeclaration, true
	case "break", "default", "select", "case", "defer", "go", "else", "goto",
		"switch", "fallthrough", "if", "range", "continue", "for", "return":
		return chroma.Keyword, true
	case "true", "false", "iota", "nil":
		return chroma.KeywordConstant, true
	}
	return 0, false
}

func isGoBuiltinFunc(w string) bool {
	switch w {
	case "uint", "uint8", "uint16", "uint32", "uint64", "int", "int8",
		"int16", "int32", "int64", "float", "float32", "float64",
		"complex64", "complex128", "byte", "rune", "string", "bool",
		"error", "uintptr", "print", "println", "panic", "recover", "close",
		"complex", "real", "imag", "len", "cap", "append", "copy", "delete",
		"new", "make", "clear", "min", "max":
		return true
	}
	return false
}

func isGoType(w string) bool {
	switch w {
	case "uint", "uint8", "uint16", "uint32", "uint64", "int", "int8",
		"int16", "int32", "int64", "float", "float32", "float64",
		"complex64", "complex128", "byte", "rune", "string", "bool",
		"error", "uintptr", "any":
		return true
	}
	return false
}

// exponent returns the end of `[eE]` + sign + `\d+` at i, or -1. With
// signRequired it is chroma's imaginary-number exponent `[Ee][-+]\d+`,
// else `[eE][+\-]?\d+`.
func (s *goScanner) exponent(i int, signRequired bool) int {
	if c := s.at(i); c != 'e' && c != 'E' {
		return -1
	}
	j := i + 1
	if c := s.at(j); c == '+' || c == '-' {
		j++
	} else if signRequired {
		return -1
	}
	end := s.skip(j, isDigit)
	if end == j {
		return -1
	}
	return end
}

// number covers the rules for a digit, in chroma's order. No rule looks
// behind or demands a word boundary after, so "1if" is 1i then f, and a
// digit always matches something: (0|[1-9][0-9_]*) takes any digit.
func (s *goScanner) number(i int) int {
	text := s.text
	d1 := s.skip(i, isDigit)
	emit := func(t chroma.TokenType, end int) int {
		s.emit(t, i, end)
		return end
	}
	// \d+i
	if s.at(d1) == 'i' {
		return emit(chroma.LiteralNumber, d1+1)
	}
	// \d+\.\d*([Ee][-+]\d+)?i
	if s.at(d1) == '.' {
		d2 := s.skip(d1+1, isDigit)
		if s.at(d2) == 'i' {
			return emit(chroma.LiteralNumber, d2+1)
		}
		if e := s.exponent(d2, true); e > 0 && s.at(e) == 'i' {
			return emit(chroma.LiteralNumber, e+1)
		}
	}
	// \d+[Ee][-+]\d+i
	if e := s.exponent(d1, true); e > 0 && s.at(e) == 'i' {
		return emit(chroma.LiteralNumber, e+1)
	}
	// \d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)
	if s.at(d1) == '.' {
		d2 := s.skip(d1+1, isDigit)
		if d2 > d1+1 {
			if e := s.exponent(d2, false); e > 0 {
				return emit(chroma.LiteralNumberFloat, e)
			}
		}
		return emit(chroma.LiteralNumberFloat, d2)
	}
	if e := s.exponent(d1, false); e > 0 {
		return emit(chroma.LiteralNumberFloat, e)
	}
	if text[i] == '0' {
		// 0[0-7]+
		if end := s.skip(i+1, isOctal); end > i+1 {
			return emit(chroma.LiteralNumberOct, end)
		}
		// 0[xX][0-9a-fA-F_]+
		if c := s.at(i + 1); c == 'x' || c == 'X' {
			if end := s.skip(i+2, func(c byte) bool { return isHex(c) || c == '_' }); end > i+2 {
				return emit(chroma.LiteralNumberHex, end)
			}
		}
		// 0b[01_]+
		if s.at(i+1) == 'b' {
			if end := s.skip(i+2, func(c byte) bool { return c == '0' || c == '1' || c == '_' }); end > i+2 {
				return emit(chroma.LiteralNumberBin, end)
			}
		}
		// (0|[1-9][0-9_]*)
		return emit(chroma.LiteralNumberInteger, i+1)
	}
	return emit(chroma.LiteralNumberInteger, s.skip(i, func(c byte) bool { return isDigit(c) || c == '_' }))
}

// dotNumber covers the two rules for a number starting with '.', which
// come before the operator "..." and the punctuation ".":
//
//	\.\d+([Ee][-+]\d+)?i      LiteralNumber
//	\.\d+([eE][+\-]?\d+)?     LiteralNumberFloat
func (s *goScanner) dotNumber(i int) (int, chroma.TokenType) {
	d := s.skip(i+1, isDigit)
	if d == i+1 {
		return -1, 0
	}
	if s.at(d) == 'i' {
		return d + 1, chroma.LiteralNumber
	}
	if e := s.exponent(d, true); e > 0 && s.at(e) == 'i' {
		return e + 1, chroma.LiteralNumber
	}
	if e := s.exponent(d, false); e > 0 {
		return e, chroma.LiteralNumberFloat
	}
	return d, chroma.LiteralNumberFloat
}

// char is the rune rule
//
//	'(\\['"\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\])'
//
// and, when it does not match, the Error token chroma emits for a quote
// no rule takes.
func (s *goScanner) char(i int) int {
	end := -1
	if s.at(i+1) != '\\' {
		// [^\\] takes any byte, a newline or a quote too.
		if i+1 < len(s.text) && s.at(i+2) == '\'' {
			end = i + 3
		}
	} else {
		hexRun := func(from, n int) bool {
			for k := from; k < from+n; k++ {
				if !isHex(s.at(k)) {
					return false
				}
			}
			return true
		}
		switch c := s.at(i + 2); {
		case c == '\'' || c == '"' || c == '\\' || c == 'a' || c == 'b' || c == 'f' ||
			c == 'n' || c == 'r' || c == 't' || c == 'v':
			end = quoteAt(s, i+3)
		case c == 'x' && hexRun(i+3, 2):
			end = quoteAt(s, i+5)
		case isOctal(c):
			d := i + 2
			for d < i+5 && isOctal(s.at(d)) {
				d++
			}
			end = quoteAt(s, d)
		case c == 'u' && hexRun(i+3, 4):
			end = quoteAt(s, i+7)
		case c == 'U' && hexRun(i+3, 8):
			end = quoteAt(s, i+11)
		}
	}
	if end < 0 {
		s.emit(chroma.Error, i, i+1)
		return i + 1
	}
	s.emit(chroma.LiteralStringChar, i, end)
	return end
}

// quoteAt returns the end of a rune literal whose closing quote should be
// at q, or -1.
func quoteAt(s *goScanner, q int) int {
	if s.at(q) == '\'' {
		return q + 1
	}
	return -1
}

// str returns the end of the string rule's match at i, or -1:
//
//	"(\\\\|\\"|[^"])*"
//
// regexp2 tries the alternatives in order and keeps looping while one
// matches, so its first attempt is this scan; it stops at the first quote
// that is not part of \" and closes there. A string left open makes
// regexp2 backtrack (a \" may then close it); -1 sends the whole input to
// chroma instead.
func (s *goScanner) str(i int) int {
	text := s.text
	for j := i + 1; j < len(text); {
		switch {
		case text[j] == '\\' && (s.at(j+1) == '\\' || s.at(j+1) == '"'):
			j += 2
		case text[j] == '"':
			return j + 1
		default:
			j++
		}
	}
	return -1
}

// operator covers the operator and punctuation rules, tried in that order,
// and the single-byte Error token for a byte no rule matches (such as
// '?', '@', '#', '$', '\\' or a control byte).
func (s *goScanner) operator(i int) int {
	c, n1, n2 := s.text[i], s.at(i+1), s.at(i+2)
	n := 0 // length of the operator match
	switch c {
	case '<':
		switch {
		case n1 == '<' && n2 == '=':
			n = 3
		case n1 == '<' || n1 == '=' || n1 == '-':
			n = 2
		}
	case '>':
		switch {
		case n1 == '>' && n2 == '=':
			n = 3
		case n1 == '>' || n1 == '=':
			n = 2
		}
	case '&':
		switch {
		case n1 == '^' && n2 == '=':
			n = 3
		case n1 == '^' || n1 == '=' || n1 == '&':
			n = 2
		default:
			n = 1
		}
	case '+', '-':
		n = 1
		if n1 == '=' || n1 == c {
			n = 2
		}
	case '*', '/', '%':
		n = 1
		if n1 == '=' {
			n = 2
		}
	case '|':
		if n1 == '=' || n1 == '|' {
			n = 2
		}
	case '=', '!', ':':
		if n1 == '=' {
			n = 2
		}
	case '.':
		if n1 == '.' && n2 == '.' {
			n = 3
		}
	}
	if n > 0 {
		s.emit(chroma.Operator, i, i+n)
		return i + n
	}
	switch c {
	case '|', '^', '<', '>', '=', '!', '(', ')', '[', ']', '{', '}', '.', ',', ';', ':', '~':
		s.emit(chroma.Punctuation, i, i+1)
	default:
		s.emit(chroma.Error, i, i+1)
	}
	return i + 1
}
