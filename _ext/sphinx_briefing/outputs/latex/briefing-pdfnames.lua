-- briefing: link and anchor names that need no conversion (loaded by briefing.sty under LuaLaTeX).
--
-- Under LaTeX's PDF management (\DocumentMetadata, pdfa.py) hyperref's generic driver turns the name
-- of every link target and anchor into a PDF string with expl3's conversion, one character at a time
-- (text purify, then UTF-8 with the escapes of a PDF string): about 1.5 ms a name, some 1.2 of the
-- 10 CPU-seconds of a pass over the Germany-Japan book (700 links, 250 anchors). That conversion
-- leaves a name alone when it is only characters (letters or others, no commands) from ' (U+0027)
-- to z (U+007A) but \ ( ) -- every name Sphinx writes ("delegations/germany:person-scholz"), so
-- briefing.sty asks plain_pdf_name first and converts only other names; the PDF is the same.

briefing = briefing or {}

local scan_toks, put_next, create = token.scan_toks, token.put_next, token.create
local yes, no = create("@firstoftwo"), create("@secondoftwo")

-- Characters the conversion leaves alone (l3str-convert: \__str_if_escape_string:N and
-- \c__str_escape_string_str; pdfmanagement's utf8/string-raw).
local function unescaped(code)
  return code >= 0x27 and code <= 0x7A and code ~= 0x5C and code ~= 0x28 and code ~= 0x29
end

-- \directlua{briefing.plain_pdf_name()}{<name>}: reads the braced name unexpanded and leaves
-- \@firstoftwo before the rest of the input when the name is its own PDF string, \@secondoftwo if not.
function briefing.plain_pdf_name()
  local toks = scan_toks(false, false)
  for i = 1, #toks do
    local t = toks[i]
    local cmd = t.cmdname
    if (cmd ~= "letter" and cmd ~= "other_char") or not unescaped(t.mode) then
      put_next(no)
      return
    end
  end
  put_next(yes)
end
