/** Every URL-ish thing a report could make a browser fetch: none may leave the file. */
export function externalReferences(text: string, document: Document): string[] {
  const attributes = [
    ...document.querySelectorAll('[src], [href], [srcset], [xlink\\:href], [action]'),
  ]
    .flatMap((element) =>
      ['src', 'href', 'srcset', 'xlink:href', 'action'].map((name) => element.getAttribute(name)),
    )
    .filter((value): value is string => value !== null && !value.startsWith('#'));
  const css = [...text.matchAll(/@import|url\(\s*['"]?(?!#|data:)[^)]*\)/gi)].map(
    (match) => match[0],
  );
  return [
    ...attributes,
    ...css,
    ...[...document.querySelectorAll('script, link, iframe, img')].map((e) => e.outerHTML),
  ];
}
