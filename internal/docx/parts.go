package docx

import "strconv"

// Fixed package parts and namespaces.

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relBase   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctBase    = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

const contentTypes = xmlHeader +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="` + ctBase + `document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="` + ctBase + `styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="` + ctBase + `numbering+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="` + ctBase + `settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="` + ctBase + `header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="` + ctBase + `footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const docRels = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="` + relBase + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdNumbering" Type="` + relBase + `numbering" Target="numbering.xml"/>` +
	`<Relationship Id="rIdSettings" Type="` + relBase + `settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdHeader1" Type="` + relBase + `header" Target="header1.xml"/>` +
	`<Relationship Id="rIdFooter1" Type="` + relBase + `footer" Target="footer1.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>dpa</Application><DocSecurity>0</DocSecurity>` +
	`</Properties>`

// settings returns settings.xml; update asks Word to update the fields
// when the document is opened.
func settings(update bool) string {
	u := ""
	if update {
		u = `<w:updateFields w:val="true"/>`
	}
	return xmlHeader +
		`<w:settings xmlns:w="` + nsW + `">` +
		`<w:zoom w:percent="100"/>` +
		`<w:defaultTabStop w:val="708"/>` +
		`<w:characterSpacingControl w:val="doNotCompress"/>` + u +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`</w:settings>`
}

const (
	colDark  = "1F3864"
	colGrey  = "595959"
	fontMain = "Calibri"
)

// styles returns styles.xml with lang as the default language; numbered
// binds the heading numbering to Heading1 and Heading2.
func styles(lang string, numbered bool) string {
	return xmlHeader +
		`<w:styles xmlns:w="` + nsW + `">` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="` + fontMain + `" w:eastAsia="` + fontMain + `" w:hAnsi="` + fontMain + `" w:cs="` + fontMain + `"/>` +
		`<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="` + attr(lang) + `"/>` +
		`</w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +

		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +

		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:before="0" w:after="120"/><w:contextualSpacing/></w:pPr>` +
		`<w:rPr><w:b/><w:bCs/><w:color w:val="` + colDark + `"/><w:kern w:val="28"/><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>` +

		`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="360"/></w:pPr><w:rPr><w:color w:val="` + colGrey + `"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>` +

		heading(1, 360, 567, 32, numbered) + heading(2, 240, 709, 26, numbered) + heading(3, 160, 0, 22, false) +
		`<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="` + colDark + `"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
		tocStyle(1, 0, 567) + tocStyle(2, 567, 709) +

		`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:jc w:val="both"/></w:pPr></w:style>` +

		`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/><w:jc w:val="both"/></w:pPr></w:style>` +

		headerFooter("Header", "header") + headerFooter("Footer", "footer") +

		`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +

		`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Label"><w:name w:val="Label"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="` + colDark + `"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +

		`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:before="240"/></w:pPr><w:rPr><w:color w:val="` + colGrey + `"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +

		`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Mark"><w:name w:val="Mark"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="C00000"/><w:spacing w:val="40"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +

		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
		`<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
		`<w:tblPr>` + borders("tblBorders", true) + `</w:tblPr></w:style>` +
		`</w:styles>`
}

func tocStyle(n, left, hang int) string {
	id := strconv.Itoa(n)
	return `<w:style w:type="paragraph" w:styleId="TOC` + id + `"><w:name w:val="toc ` + id + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>` +
		`<w:pPr><w:tabs><w:tab w:val="left" w:pos="` + strconv.Itoa(left+hang) + `"/><w:tab w:val="right" w:leader="dot" w:pos="9072"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="` + strconv.Itoa(left+hang) + `" w:hanging="` + strconv.Itoa(hang) + `"/></w:pPr></w:style>`
}

func heading(n, before, hang, size int, numbered bool) string {
	id := strconv.Itoa(n)
	ind := ""
	tabs := ""
	if hang > 0 {
		tabs = `<w:tabs><w:tab w:val="left" w:pos="` + strconv.Itoa(hang) + `"/></w:tabs>`
		ind = `<w:ind w:left="` + strconv.Itoa(hang) + `" w:hanging="` + strconv.Itoa(hang) + `"/>`
	}
	num := ""
	if numbered {
		num = `<w:numPr><w:ilvl w:val="` + strconv.Itoa(n-1) + `"/><w:numId w:val="` + strconv.Itoa(numHeading) + `"/></w:numPr>`
	}
	return `<w:style w:type="paragraph" w:styleId="Heading` + id + `"><w:name w:val="heading ` + id + `"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:uiPriority w:val="9"/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:keepLines/>` + num + tabs + `<w:spacing w:before="` + strconv.Itoa(before) + `" w:after="120"/>` + ind + `<w:outlineLvl w:val="` + strconv.Itoa(n-1) + `"/></w:pPr>` +
		`<w:rPr><w:b/><w:bCs/><w:color w:val="` + colDark + `"/><w:sz w:val="` + strconv.Itoa(size) + `"/><w:szCs w:val="` + strconv.Itoa(size) + `"/></w:rPr></w:style>`
}

func headerFooter(id, name string) string {
	return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
		`<w:pPr><w:tabs><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
		`<w:rPr><w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>`
}
