-- briefing: the book's CJK fonts (Noto CJK): the fallback of its Latin fonts, loaded when the document
-- has a character for it, and taken from the document's own subsets when they cover its text
-- (fonts-lualatex.tex: briefing.cjk_fallback; language.py: \briefingcjkfont for luatexja).
--
-- luaotfload builds a fallback per font size, copying the whole Noto CJK character table (some 45,000
-- glyphs) into each: about five of a small document's eight seconds per LuaLaTeX pass, and 400 MB.
-- luatexja does the same for its Japanese fonts. Two savings, neither changing the PDF:
--   * A document whose text has no character that FreeFont lacks and Noto CJK has (kanji, kana, Hangul,
--     fullwidth forms, and the symbols below) gets an empty fallback list: the same fonts, the same PDF.
--   * Otherwise the fonts come from subsets of Noto CJK holding only the characters the document has
--     (and the glyphs their OpenType features reach), written beside the .tex when Sphinx wrote it
--     (cjk.py; the manifest briefing-cjk.lua names them and the characters they were cut for). They
--     are used only when they cover every character of the document; if not (a .tex edited or added
--     by hand since), the full fonts are, as before, and the log says which character was missing.
-- Both decisions read the document as Sphinx wrote it: every .tex and .sty file beside the main file
-- (its body, title page and preamble, sphinxmessages.sty, files an author added); what LaTeX derives
-- from them (contents, index, bookmarks) has no other characters.

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

-- The complex scripts the LaTeX writer wraps in runs of their own (typesetting.py's SCRIPTS, the same
-- ranges; tests/test_print.py compares them): fonts-lualatex.tex defines a script's HarfBuzz families
-- (\briefingifscript) only when the document has one of its characters. fontspec loads each family's
-- fonts as it defines it: 0.2 CPU-s of every LuaLaTeX pass for the three scripts, in a book without any.
local scripts = {
  deva = {{0x0900, 0x097F}, {0xA8E0, 0xA8FF}, {0x1CD0, 0x1CFF}},
  arab = {{0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFE}},
  hebr = {{0x0590, 0x05FF}, {0xFB1D, 0xFB4F}},
}
-- *line* without its TeX comment (from the first % that no backslash escapes).
local function code_of(line)
  local masked = line:gsub("\\\\", "\1\1")  -- an escaped backslash escapes no % after it
  local at = masked:find("%", 1, true)
  while at and at > 1 and masked:sub(at - 1, at - 1) == "\\" do at = masked:find("%", at + 1, true) end
  return at and line:sub(1, at - 1) or line
end

-- Every non-ASCII character of *path* outside comments: adds code points to the set *seen* and
-- returns the first the fallback serves, as "U+XXXX", or nil.
local function scan(path, seen)
  local file = io.open(path, "rb")
  if not file then return nil end
  local text = file:read("a")
  file:close()
  if not text:find("[\194-\244]") then return nil end
  local first
  for line in text:gmatch("[^\n]+") do
    if line:find("[\194-\244]") then
      for sequence in code_of(line):gmatch("[\194-\244][\128-\191]+") do
        local ok, cp = pcall(utf8.codepoint, sequence, 1)
        if ok then
          seen[cp] = true
          if not first and is_served(cp) then first = string.format("U+%04X", cp) end
        end
      end
    end
  end
  return first
end

-- The document's directory, its non-ASCII characters, and where the first one the fallback serves is
-- ("U+XXXX in file"), or nil.
local function read_document()
  local main = status.filename or ""
  local dir = main:match("^(.*)[/\\]") or "."
  local files = {main}
  for name in lfs.dir(dir) do
    if (name:match("%.tex$") or name:match("%.sty$")) and dir .. "/" .. name ~= main then
      files[#files + 1] = dir .. "/" .. name
    end
  end
  local seen, where = {}, nil
  for _, path in ipairs(files) do
    local found = scan(path, seen)
    if found and not where then where = found .. " in " .. path end
  end
  return dir, seen, where
end

-- The subsets of the manifest (name -> {file=, glyphs=}) when they cover every character in *seen*;
-- else nil and why.
local function usable_subsets(dir, seen)
  local path = dir .. "/briefing-cjk.lua"
  if not lfs.isfile(path) then return nil, "no briefing-cjk.lua beside the document" end
  local ok, manifest = pcall(dofile, path)
  if not ok or type(manifest) ~= "table" then return nil, "briefing-cjk.lua unreadable" end
  local covered = {}
  for _, cp in utf8.codes(manifest.characters or "") do covered[cp] = true end
  for cp in pairs(seen) do
    if not covered[cp] then
      return nil, string.format("U+%04X is not in the subsets (briefing-cjk.lua is older than the document)", cp)
    end
  end
  for name, subset in pairs(manifest.fonts or {}) do
    if not kpse.find_file(subset.file, "opentype fonts") then return nil, subset.file .. " not found" end
  end
  return manifest.fonts or {}
end

if not briefing.cjk then
  local dir, seen, where = read_document()
  local subsets, why = usable_subsets(dir, seen)
  briefing.cjk = {needed = where ~= nil, subsets = subsets or {}, full = why, told = {}}
  texio.write_nl("log", where and ("briefing: Noto CJK fallback loaded (" .. where .. ")")
                        or "briefing: Noto CJK fallback not loaded (no character of the document needs it)")
  texio.write_nl("log", "")
  briefing.scripts = {}
  for cp in pairs(seen) do
    for tag, ranges in pairs(scripts) do
      for _, range in ipairs(ranges) do
        if cp >= range[1] and cp <= range[2] then briefing.scripts[tag] = true end
      end
    end
  end
  local used = {}
  for tag in pairs(scripts) do used[#used + 1] = briefing.scripts[tag] and tag or nil end
  table.sort(used)
  texio.write_nl("log", "briefing: script fonts defined for: " .. (#used > 0 and table.concat(used, ", ") or "none"))
  texio.write_nl("log", "")
end

-- The font luaotfload and fontspec load for the Noto CJK face *name* (a PostScript name): its
-- subset's file name when there is one, else the name itself. The log says which, once per face.
function briefing.cjk_font(name)
  local subset = briefing.cjk.subsets[name]
  if not briefing.cjk.told[name] then
    briefing.cjk.told[name] = true
    texio.write_nl("log", subset
      and string.format("briefing: CJK font %s from its subset %s (%d glyphs)", name, subset.file, subset.glyphs)
      or string.format("briefing: CJK font %s in full (%s)", name, briefing.cjk.full or "no subset of it"))
    texio.write_nl("log", "")
  end
  return subset and subset.file or name
end

-- luaotfload.add_fallback(*fallback*, {the face *name* with *features*}) when the document needs it,
-- else an empty fallback.
function briefing.cjk_fallback(fallback, name, features)
  if not briefing.cjk.needed then
    luaotfload.add_fallback(fallback, {})
    return
  end
  local font = briefing.cjk_font(name)
  luaotfload.add_fallback(fallback, {(font ~= name and "file:" .. font or font) .. ":" .. features})
end

-- \briefingcjkfont{<PostScript name>}: briefing.cjk_font in TeX, for luatexja's \setmainjfont
-- (language.py), defined when this file is first loaded. The name is printed with the current
-- catcodes, so that fontspec sees the subset's ".otf" as a file name, as if typed.
if not briefing.cjk_macro then
  briefing.cjk_macro = true
  tex.print([[\gdef\briefingcjkfont#1{\directlua{tex.sprint(briefing.cjk_font("\luaescapestring{#1}"))}}]])
  tex.print([[\gdef\briefingifscript#1{\directlua{briefing.if_script("\luaescapestring{#1}")}}]])
end
-- \briefingifscript{<tag>}{<code>}: <code> when the document has a character of the script <tag>
-- (deva, arab, hebr), else nothing. (\csname: whatever the catcode of @ where it is used.)
function briefing.if_script(tag)
  tex.sprint(briefing.scripts[tag] and [[\csname @firstofone\endcsname]] or [[\csname @gobble\endcsname]])
end
