-- briefing: the Noto CJK fallback of the book's fonts, loaded when the document has a character for it
-- (fonts-lualatex.tex: briefing.cjk_fallback).
--
-- luaotfload builds a fallback per font size, copying the whole Noto CJK character table (some 45,000
-- glyphs) into each: about five of a small document's eight seconds per LuaLaTeX pass, and 400 MB.
-- A document whose text has no character that FreeFont lacks and Noto CJK has (kanji, kana, Hangul,
-- fullwidth forms, and the symbols below) gets an empty fallback list instead: the same fonts, the
-- same PDF. The decision reads the document as Sphinx wrote it: every .tex and .sty file beside the
-- main file (its body, title page and preamble, sphinxmessages.sty, files an author added); what
-- LaTeX derives from them (contents, index, bookmarks) has no other characters.

briefing = briefing or {}

-- Code points that Noto CJK JP has and one of FreeSerif, FreeSans, FreeMono lacks, below U+2E80
-- (Hangul Jamo, letterlike and number forms, arrows, maths operators, enclosed numbers, shapes,
-- dingbats; measured with fc-query on Debian 12's fonts-noto-cjk and fonts-freefont-otf); from
-- U+2E80 on (CJK radicals to the supplementary planes) every code point counts.
local served = {
  {0x1100, 0x11FF}, {0x20A9, 0x20A9}, {0x20DD, 0x20DE}, {0x210A, 0x210A}, {0x210F, 0x210F}, {0x2160, 0x217B},
  {0x21B8, 0x21B9}, {0x21C5, 0x21C5}, {0x21CB, 0x21F5}, {0x2220, 0x2220}, {0x2226, 0x2228}, {0x222D, 0x2237},
  {0x223D, 0x2245}, {0x224C, 0x224C}, {0x2262, 0x2262}, {0x2266, 0x2307}, {0x2312, 0x2318}, {0x23B0, 0x23DB},
  {0x2460, 0x25C9}, {0x25CC, 0x25E6}, {0x2600, 0x2642}, {0x2668, 0x2668}, {0x2672, 0x2B95}, {0x2E3A, 0x2E3B},
  {0x2E80, 0x10FFFF},
}

local function is_served(cp)
  for _, range in ipairs(served) do
    if cp < range[1] then return false end
    if cp <= range[2] then return true end
  end
  return false
end

-- *line* without its TeX comment (from the first % that no backslash escapes).
local function code_of(line)
  local masked = line:gsub("\\\\", "\1\1")  -- an escaped backslash escapes no % after it
  local at = masked:find("%", 1, true)
  while at and at > 1 and masked:sub(at - 1, at - 1) == "\\" do at = masked:find("%", at + 1, true) end
  return at and line:sub(1, at - 1) or line
end

-- The first character of *path* the fallback serves, outside comments, as "U+XXXX", or nil.
local function first_served(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local text = file:read("a")
  file:close()
  -- UTF-8 sequences from U+1000 on (lead bytes E1 to F4); the rest cannot be served.
  if not text:find("[\225-\244]") then return nil end
  for line in text:gmatch("[^\n]+") do
    if line:find("[\225-\244]") then
      for sequence in code_of(line):gmatch("[\225-\244][\128-\191]+") do
        local ok, cp = pcall(utf8.codepoint, sequence, 1)
        if ok and is_served(cp) then return string.format("U+%04X", cp) end
      end
    end
  end
  return nil
end

-- Whether the document needs the fallback: (true, "U+XXXX in file") or (false).
local function needed()
  local main = status.filename or ""
  local dir = main:match("^(.*)[/\\]") or "."
  local files = {main}
  for name in lfs.dir(dir) do
    if name:match("%.tex$") or name:match("%.sty$") then files[#files + 1] = dir .. "/" .. name end
  end
  for _, path in ipairs(files) do
    local found = first_served(path)
    if found then return true, found .. " in " .. path end
  end
  return false
end

local cjk_needed, where = needed()
texio.write_nl("log", cjk_needed and ("briefing: Noto CJK fallback loaded (" .. where .. ")")
                      or "briefing: Noto CJK fallback not loaded (no character of the document needs it)")
texio.write_nl("log", "")

-- luaotfload.add_fallback(name, {font}) when the document needs it, else an empty fallback.
function briefing.cjk_fallback(name, font)
  luaotfload.add_fallback(name, cjk_needed and {font} or {})
end
