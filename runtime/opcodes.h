/* opcodes.h — every bytecode instruction of mini's VM, one line each.
 *
 * Go has no bytecode; the nearest counterpart is the SSA op table of
 * cmd/compile/internal/ssa/gen/genericOps.go (one typed op per machine-level
 * operation: Add64, Add32F, Less64U ...). mini's ops are typed the same way,
 * so the interpreter loop never inspects a type at run time.
 *
 * Included with OP(name, operands, meaning) defined; it generates the
 * Opcode enum (OP_name), the names `mini disasm` prints, and the
 * computed-goto table of vm.c. Keep the order free: nothing depends on it.
 *
 * Operand notation: an instruction is {op, aux, a, b, c} (vm.h). s[x] is
 * frame slot x (8 bytes), K[x] constant x of the function, g[x] global
 * word x. "int" ops work on the full 64-bit word: narrow integer kinds are
 * kept sign- (signed) or zero-extended (unsigned) in their slot, and the
 * compiler follows each wrapping op with an EXT op that restores that form.
 * Jump targets: T = b | c << 16 (absolute instruction index); a fused
 * compare-and-branch jumps by the signed 16-bit offset (int16)c, counted from
 * the next instruction. */

/* ---- moves and constants ---- */
OP(NOP,     "",             "does nothing")
OP(MOVE,    "a b",          "s[a] = s[b]")
OP(MOVE2,   "a b",          "s[a..a+2) = s[b..b+2): a string")
OP(MOVEN,   "a b n",        "s[a..a+c) = s[b..b+c) (memmove)")
OP(LOADK,   "a Kbc",        "s[a] = K[b|c<<16]")
OP(LOADK2,  "a Kbc",        "s[a..a+2) = K[k..k+2), k = b|c<<16: a string constant")
OP(LOADI,   "a imm32",      "s[a] = (int64)(int32)(b|c<<16)")
OP(ZERO,    "a n",          "s[a..a+b) = 0")
OP(GETG,    "a g n",        "s[a..a+c) = g[b..b+c)")
OP(SETG,    "g b n",        "g[a..a+c) = s[b..b+c)")
/* ---- integer arithmetic (64-bit words) ---- */
OP(ADD,     "a b c",        "s[a] = s[b] + s[c], wrapping")
OP(SUB,     "a b c",        "s[a] = s[b] - s[c], wrapping")
OP(MUL,     "a b c",        "s[a] = s[b] * s[c], wrapping")
OP(DIV,     "a b c",        "s[a] = s[b] / s[c], signed, truncated; panics on zero; MinInt64/-1 = MinInt64")
OP(DIVU,    "a b c",        "s[a] = s[b] / s[c], unsigned; panics on zero")
OP(MOD,     "a b c",        "s[a] = s[b] % s[c], signed (sign of the dividend); panics on zero")
OP(MODU,    "a b c",        "s[a] = s[b] % s[c], unsigned; panics on zero")
OP(AND,     "a b c",        "s[a] = s[b] & s[c]")
OP(OR,      "a b c",        "s[a] = s[b] | s[c]")
OP(XOR,     "a b c",        "s[a] = s[b] ^ s[c]")
OP(ANDNOT,  "a b c",        "s[a] = s[b] &^ s[c]")
OP(SHL,     "a b c aux",    "s[a] = s[b] << s[c] (0 when the count is >= 64); aux=1: a negative signed count panics")
OP(SHR,     "a b c aux",    "s[a] = s[b] >> s[c], arithmetic (sign fill when >= 64); aux as SHL")
OP(SHRU,    "a b c aux",    "s[a] = s[b] >> s[c], logical (0 when >= 64); aux as SHL")
OP(NEG,     "a b",          "s[a] = -s[b], wrapping")
OP(COM,     "a b",          "s[a] = ^s[b] (bitwise complement)")
OP(ADDK,    "a b imm16",    "s[a] = s[b] + (int16)c, wrapping")
OP(EXT8S,   "a b",          "s[a] = sign-extended low 8 bits of s[b]")
OP(EXT8U,   "a b",          "s[a] = zero-extended low 8 bits of s[b]")
OP(EXT16S,  "a b",          "s[a] = sign-extended low 16 bits of s[b]")
OP(EXT16U,  "a b",          "s[a] = zero-extended low 16 bits of s[b]")
OP(EXT32S,  "a b",          "s[a] = sign-extended low 32 bits of s[b]")
OP(EXT32U,  "a b",          "s[a] = zero-extended low 32 bits of s[b]")
OP(EQ,      "a b c",        "s[a] = s[b] == s[c] (ints, bools)")
OP(NE,      "a b c",        "s[a] = s[b] != s[c]")
OP(LT,      "a b c",        "s[a] = s[b] < s[c], signed")
OP(LE,      "a b c",        "s[a] = s[b] <= s[c], signed")
OP(LTU,     "a b c",        "s[a] = s[b] < s[c], unsigned")
OP(LEU,     "a b c",        "s[a] = s[b] <= s[c], unsigned")
OP(NOT,     "a b",          "s[a] = !s[b] (bool)")
/* ---- float64 and float32 (a float32 lives in a slot's low 4 bytes) ---- */
OP(ADDF,    "a b c",        "s[a] = s[b] + s[c], float64")
OP(SUBF,    "a b c",        "s[a] = s[b] - s[c], float64")
OP(MULF,    "a b c",        "s[a] = s[b] * s[c], float64")
OP(DIVF,    "a b c",        "s[a] = s[b] / s[c], float64 (IEEE: no panic)")
OP(NEGF,    "a b",          "s[a] = -s[b], float64")
OP(EQF,     "a b c",        "s[a] = s[b] == s[c], float64")
OP(NEF,     "a b c",        "s[a] = s[b] != s[c], float64")
OP(LTF,     "a b c",        "s[a] = s[b] < s[c], float64")
OP(LEF,     "a b c",        "s[a] = s[b] <= s[c], float64")
OP(ADDF32,  "a b c",        "s[a] = s[b] + s[c], float32")
OP(SUBF32,  "a b c",        "s[a] = s[b] - s[c], float32")
OP(MULF32,  "a b c",        "s[a] = s[b] * s[c], float32")
OP(DIVF32,  "a b c",        "s[a] = s[b] / s[c], float32")
OP(NEGF32,  "a b",          "s[a] = -s[b], float32")
OP(EQF32,   "a b c",        "s[a] = s[b] == s[c], float32")
OP(NEF32,   "a b c",        "s[a] = s[b] != s[c], float32")
OP(LTF32,   "a b c",        "s[a] = s[b] < s[c], float32")
OP(LEF32,   "a b c",        "s[a] = s[b] <= s[c], float32")
/* ---- conversions ---- */
OP(I2F,     "a b",          "s[a] = float64(int64 s[b])")
OP(U2F,     "a b",          "s[a] = float64(uint64 s[b])")
OP(I2F32,   "a b",          "s[a] = float32(int64 s[b])")
OP(U2F32,   "a b",          "s[a] = float32(uint64 s[b])")
OP(F2I,     "a b",          "s[a] = int64(float64 s[b]), truncated (amd64's 0x8000000000000000 when out of range)")
OP(F2I32,   "a b",          "s[a] = int32(float64 s[b]), truncated (amd64's CVTTSD2SL: 0x80000000 when out of range), sign-extended")
OP(F2U,     "a b",          "s[a] = uint64(float64 s[b]), truncated, as amd64 Go")
OP(F2F32,   "a b",          "s[a] = float32(float64 s[b]), rounded")
OP(F322F,   "a b",          "s[a] = float64(float32 s[b]), exact")
/* ---- strings: (ptr, len) pairs ---- */
OP(CONCAT,  "a b c",        "s[a..a+2) = s[b..b+2) + s[c..c+2), a new heap string unless one side is empty")
OP(EQSTR,   "a b c",        "s[a] = string s[b..] == string s[c..]")
OP(LTSTR,   "a b c",        "s[a] = string s[b..] < string s[c..], bytewise")
OP(LESTR,   "a b c",        "s[a] = string s[b..] <= string s[c..], bytewise")
OP(INDEXSTR,"a b c aux",    "s[a] = byte s[b][s[c]]; panics out of range (aux=1: the index is unsigned)")
OP(RUNEAT,  "a b c",        "s[a], s[a+1] = the rune of string s[b] at byte s[c] and its width (U+FFFD, 1 when invalid): for range")
OP(RUNESTR, "a b",          "s[a..a+2) = string(rune s[b]), UTF-8, a new heap string")
/* ---- arrays in the frame ---- */
OP(ADDR,    "a b",          "s[a] = &s[b]: a frame address for a native (never held across a call)")
OP(ADDRG,   "a g",          "s[a] = &g[b]: a global's address for a native")
OP(CHKIDX,  "a len32 aux",  "panics unless 0 <= s[a] < b|c<<16 (aux=1: the index is unsigned)")
OP(LOADX,   "a b c aux",    "s[a..a+aux) = s[b + s[c] ..]: an element at a checked word offset")
OP(STOREX,  "a b c aux",    "s[a + s[b] ..] = s[c..c+aux): an element at a checked word offset")
OP(LOADXG,  "a g c aux",    "s[a..a+aux) = g[b + s[c] ..]: LOADX in a global")
OP(STOREXG, "g b c aux",    "g[a + s[b] ..] = s[c..c+aux): STOREX in a global")
/* ---- pointers and the heap ---- */
OP(NEW,     "a Kbc",        "s[a] = mallocgc of one zeroed value of the RType K[b|c<<16] (new(T), &T{}, a variable moved to the heap)")
OP(LOADP,   "a b off aux",  "s[a..a+aux) = words c.. of the object s[b] points to; nil: Go's nil dereference panic")
OP(STOREP,  "a off c aux",  "words b.. of the object s[a] points to = s[c..c+aux); nil panics")
OP(LOADXP,  "a b c aux",    "s[a..a+aux) = words s[c].. of the object s[b] points to (a heap array, index checked)")
OP(STOREXP, "a b c aux",    "words s[b].. of the object s[a] points to = s[c..c+aux)")
OP(PTRADD,  "a b c",        "s[a] = s[b] + s[c] words: an element's or field's address; nil s[b] panics")
/* ---- slices: {ptr, len, cap} in three slots ---- */
OP(SLICE,   "a b es aux",   "s[a..] = s[b..b+3)[lo:hi:max] with lo, hi, max at s[b+3..b+6), elements of c bytes; Go's bounds panics; aux: 1 three-index, 2 a string (2 result words, \"with length\")")
OP(MAKESLICE,"a Kbc",       "s[a] = new backing array of s[a+2] elements of the RType K[b|c<<16]; makeslice panics (len s[a+1] and cap checked)")
OP(COPYSL,  "a b c aux",    "s[a] = copy(slice s[b..], slice s[c..]): min of the lens, elements of aux words (aux|0x80: of aux&0x7f bytes) (memmove)")
OP(CHKLEN,  "a b aux",      "panics unless 0 <= s[a] < s[b] (a slice's len; aux=1: the index is unsigned)")
OP(GROWSLICE,"a Kbc aux",   "append's growth: slice s[a..a+3) gets room for aux more elements of RType K (growslice), len += aux")
OP(APPENDSL,"a b Kc",       "slice s[a..a+3) = append(s[a..], slice s[b..]...), elements of RType K[c] (growslice when short)")
OP(LOADN,   "a b c aux",    "s[a] = element s[c] of narrow slice data s[b] (aux: width 1/2/4, | 8 sign-extended)")
OP(STOREN,  "a b c aux",    "element s[b] of narrow slice data s[a] = low aux&7 bytes of s[c]")
OP(STORETAILN,"a b n aux",  "the last aux elements (c bytes wide each) of slice s[a..] = the low bytes of s[b..b+aux)")
OP(STR2BYTES,"a b",         "s[a..a+3) = []byte(string s[b..b+2)): a new heap copy")
OP(BYTES2STR,"a b",         "s[a..a+2) = string([]byte s[b..b+3)): a new heap copy")
OP(STR2RUNES,"a b",         "s[a..a+3) = []rune(string s[b..b+2))")
OP(RUNES2STR,"a b",         "s[a..a+2) = string([]rune s[b..b+3)), UTF-8")
OP(STORETAIL,"a b n aux",   "the last aux elements (c words each) of slice s[a..] = s[b..b+aux*c)")
/* ---- interfaces: {type or itab, data} in two slots (runtime/iface.h) ---- */
OP(CONVE,   "a b Kc",       "s[a..a+2) = any(value s[b..]) of the RType K[c]: {K[c], convT} (Go: convT)")
OP(CONVI,   "a b Kc",       "s[a..a+2) = I(value s[b..]) with the Itab K[c]: {K[c], convT of its type}")
OP(I2E,     "a b",          "s[a..a+2) = any(iface s[b..]): {tab->type or nil, data}")
OP(I2I,     "a b Kc",       "s[a..a+2) = J(iface or eface s[b..]), J = the interface RType K[c] (aux=1: the source is an eface): getitab, which must succeed")
OP(ASSERT,  "a b Kc aux",   "s[a..] = s[b..].(T), T concrete, AssertDesc K[c]; aux&1: comma-ok (ok after the value), aux&2: the source is an iface; panics otherwise")
OP(ASSERTI, "a b Kc aux",   "s[a..a+2) = s[b..].(J), J an interface, AssertDesc K[c]; aux as ASSERT")
OP(EQIFACE, "a b c aux",    "s[a] = iface s[b..] == iface s[c..] (aux=1: non-empty interfaces); panics for uncomparable dynamic types")
OP(ISTYPE,  "a b Kc aux",   "s[a] = the dynamic type of interface s[b..] is the RType K[c] (aux=1: s[b] is an itab); a type switch case")
OP(CALLI,   "a b m",        "call method c of the itab s[b] with its frame at s[a] (the receiver, s[b+1], already there); nil itab: nil dereference panic")
/* ---- control flow ---- */
OP(JMP,     "T",            "goto T")
OP(JMPT,    "a T",          "if s[a] goto T")
OP(JMPF,    "a T",          "if !s[a] goto T")
OP(JEQ,     "a b off",      "if s[a] == s[b] jump (ints)")
OP(JNE,     "a b off",      "if s[a] != s[b] jump")
OP(JLT,     "a b off",      "if s[a] < s[b] jump, signed")
OP(JLE,     "a b off",      "if s[a] <= s[b] jump, signed")
OP(JLTU,    "a b off",      "if s[a] < s[b] jump, unsigned")
OP(JLEU,    "a b off",      "if s[a] <= s[b] jump, unsigned")
OP(JEQK,    "a imm16 off",  "if s[a] == (int16)b jump")
OP(JNEK,    "a imm16 off",  "if s[a] != (int16)b jump")
OP(JLTK,    "a imm16 off",  "if s[a] < (int16)b jump, signed")
OP(JLEK,    "a imm16 off",  "if s[a] <= (int16)b jump, signed")
OP(JGTK,    "a imm16 off",  "if s[a] > (int16)b jump, signed")
OP(JGEK,    "a imm16 off",  "if s[a] >= (int16)b jump, signed")
/* ---- calls ---- */
OP(CALL,    "a fn",          "call funcs[b] with its frame at s[a] (results, then params, already there)")
OP(CALLN,   "a nat n",        "call native b with its arguments at s[a..a+c)")
OP(RET,     "a",            "return: the frame record is at s[a] (a = result + parameter words)")
OP(HALT,    "",             "the goroutine's entry function is done: leave the loop")
/* ---- defer, panic, recover (runtime/defer.c) ---- */
OP(DEFER,   "a b Kc",       "defer the call whose call area is s[a..] (func value or itab in s[b]), the DeferSite K[c]: push a _defer")
OP(DEFERRETURN,"a",         "run the next deferred call of this frame with its call area at s[a], returning here; none left: go on")
OP(RECOVER, "a",            "s[a..a+2) = recover(): the panic's value when called directly by a deferred call of a panic, else nil")
/* ---- packed values: narrow fields and elements at byte offsets ---- */
OP(LOADPB,  "a b boff aux", "s[a] = the narrow value at byte c of the memory s[b] points to (aux: width 1/2/4, | 8 sign-extended); nil panics")
OP(STOREPB, "a boff c aux", "the aux&7 bytes at byte b of the memory s[a] points to = the low bytes of s[c]; nil panics")
OP(PTRADDB, "a b c",        "s[a] = s[b] + s[c] bytes: the address of a packed field or element; nil s[b] panics")
OP(MEMMOVE, "a b n",        "c bytes at s[a] = c bytes at s[b] (both addresses; nil panics): a packed value that does not fill its words")
OP(CALLF,   "a b",          "call the func value s[b] (a closure pointer; nil panics) with its frame at s[a]; a closure's callee gets s[b] in its context slot")
/* ---- function values (a func value is a pointer to a closure object whose word 0 is the Func: Go's funcval) ---- */
OP(FUNCVAL, "a fn",         "s[a] = the static func value of funcs[b] (no captured variables; outside the heap)")
OP(CLOSURE, "a fn Kc",      "s[a] = a new closure object of the RType K[c] (mallocgc, zeroed) whose word 0 is funcs[b]")
/* ---- maps (runtime/map.c): a map is one pointer slot, an *hmap; "m, k" is
   a run of slots: the map, then the key's words. K[c] is the maptype. ---- */
OP(MAKEMAP,    "a b Kc",    "s[a] = makemap(K[c], hint s[b]): make(map[K]V, hint), a map literal")
OP(MAPACCESS1, "a b Kc",    "s[a..] = m[k], m, k at s[b..]; the zero value when absent or m is nil")
OP(MAPACCESS2, "a b Kc",    "as MAPACCESS1, and s[a + element words] = whether k is present")
OP(MAPASSIGN,  "a b Kc",    "m[k] = s[b..], m, k at s[a..]; a nil m panics (assignment to entry in nil map)")
OP(MAPDELETE,  "a Kc",      "delete(m, k), m, k at s[a..]")
OP(LENMAP,     "a b",       "s[a] = len(map s[b]) (0 for nil)")
OP(MAPITERINIT,"a b Kc",    "hiter s[a..a+10) = zero, then mapiterinit(K[c], map s[b]): s[a] = the first key's address or nil")
OP(MAPITERNEXT,"a",         "mapiternext(hiter s[a..]): s[a], s[a+1] = the next key's and element's addresses; s[a] = nil at the end")
/* ---- goroutines and channels (runtime/proc.c, chan.c, select.c). An op
   that blocks parks the g (gopark) and is executed again when the g
   resumes: it then finishes the operation (Go: the code after gopark). ---- */
OP(GO,        "a fn",       "go funcs[b](...): a new goroutine whose first frame gets the results and parameters at s[a..a+hdr) (newproc)")
OP(GOF,       "a b",        "go s[b](...): the func value s[b] (nil: fatal error) in a new goroutine, the arguments at s[a..]")
OP(GOI,       "a b m",      "go of method c of the itab s[b] (nil panics), the receiver and arguments at s[a..]")
OP(MAKECHAN,  "a b Kc",     "s[a] = makechan(element RType K[c], size s[b])")
OP(CHANSEND,  "a b",        "chan s[a] <- the value at s[b..] (chansend); may park")
OP(CHANRECV,  "a b n aux",  "s[a..a+c) = <-chan s[b] (chanrecv); aux=1: s[a+c] = ok; may park")
OP(CLOSECHAN, "a",          "close(chan s[a]) (closechan)")
OP(LENCHAN,   "a b aux",    "s[a] = len(chan s[b]), 0 for nil (aux=1: cap)")
OP(SELECT,    "a Kc aux",   "selectgo over the SelectDesc K[c]: s[a] = the case chosen (-1: default), s[a+1] = recvOK; aux=1: non-blocking (a default case); may park")
