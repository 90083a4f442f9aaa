/** Every message of the XML layer, in one place. Positions arrive preformatted. */

export function describeTooLarge(length: number, maxBytes: number): string {
  return (
    `the input is ${length} characters, over the cap of ${maxBytes} characters ` +
    `(${formatSize(maxBytes)}); a libvirt domain XML is normally a few KB. ` +
    `Check that this is the right file, or pass --max-bytes to raise the cap`
  );
}

function formatSize(n: number): string {
  if (n >= 1048576 && n % 1048576 === 0) return `${n / 1048576} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} characters`;
}

export function describeEncodingRefused(encoding: string): string {
  return (
    `the XML declaration names the encoding '${encoding}'; only UTF-8 and UTF-16 are read, as libvirt ` +
    `writes and reads domain XML. Convert the file (iconv -f ${encoding} -t UTF-8) and declare encoding='UTF-8'`
  );
}

export function describeNotText(type: string): string {
  return `expected the XML as a string, got ${type}`;
}

export function describeInvalidChar(char: string): string {
  return `character ${char} is not allowed in XML; is this a binary file or the wrong encoding?`;
}

export function describeDtdRefused(): string {
  return (
    'a <!DOCTYPE> is not accepted: DTDs and entity declarations are refused, because ' +
    'libvirt domain XML never needs them and they allow entity expansion attacks ' +
    '(billion laughs) and external entities that read local files. Remove the <!DOCTYPE ...> declaration'
  );
}

export function describeUnknownEntity(name: string): string {
  return (
    `unknown entity &${name};: only the five predefined entities (&lt; &gt; &amp; &quot; &apos;) ` +
    `and numeric references (&#NN; &#xHH;) are accepted; write &amp;${name}; for a literal '&'`
  );
}

export function describeBareAmpersand(): string {
  return "expected a reference such as &amp; after '&'; write &amp; for a literal '&'";
}

export function describeBadCharRef(written: string): string {
  return `invalid character reference ${written}: expected &#NN; or &#xHH; naming a character XML allows`;
}

export function describeEmpty(): string {
  return 'expected a root element, but the input holds none (it is empty or only whitespace, comments and declarations)';
}

export function describeMultipleRoots(name: string, first: string, at: string): string {
  return `a second root element <${name}> follows <${first}> opened at ${at}; a document has exactly one root element`;
}

export function describeTooDeep(maxDepth: number): string {
  return `elements are nested more than ${maxDepth} levels deep; a libvirt domain never needs that many`;
}

export function describeUnclosedStartTag(name: string, line: number, found: string): string {
  return `expected '>' to close <${name}> opened at line ${line}, found ${found}`;
}

export function describeMismatchedEndTag(name: string, open: string, at: string): string {
  return `</${name}> does not match <${open}> opened at ${at}`;
}

export function describeUnmatchedEndTag(name: string): string {
  return `</${name}> has no matching start tag`;
}

export function describeUnclosedElement(name: string, at: string): string {
  return `expected </${name}> to close <${name}> opened at ${at}, but the input ended`;
}

export function describeUnterminated(what: string, closer: string, at: string): string {
  return `expected '${closer}' to close the ${what} opened at ${at}, but the input ended`;
}

export function describeExpected(expected: string, found: string, context: string): string {
  return `expected ${expected} ${context}, found ${found}`;
}

export function describeDuplicateAttribute(name: string, element: string): string {
  return `attribute '${name}' appears twice on <${element}>`;
}

export function describeLtInAttribute(name: string): string {
  return `'<' is not allowed in the value of attribute '${name}' (write &lt;, or check for a missing closing quote)`;
}

export function describeDoubleHyphen(): string {
  return "'--' is not allowed inside a comment";
}

export function describeCdataEnd(): string {
  return "']]>' is not allowed in text (write ]]&gt;)";
}

export function describeMisplacedDeclaration(): string {
  return 'the XML declaration <?xml ...?> may only appear at the very start of the document';
}

export function describeReservedTarget(target: string): string {
  return `the processing instruction target '${target}' is reserved (names starting with 'xml' in any case belong to XML itself)`;
}

export function describeTextOutsideRoot(): string {
  return 'text is not allowed outside the root element';
}

export function describeCdataOutsideRoot(): string {
  return 'a CDATA section is not allowed outside the root element';
}
