package io.kiln.engine.html;

/**
 * The stylesheet of pages made from Markdown: a readable column on screen, the full width of the
 * paper in print, ruled and striped tables, wrapped code. The font list ends with fonts Kiln's
 * renderers have, so every script gets real glyphs.
 */
final class MarkdownStylesheet {

    static final String CSS = """
            html { font-size: 16px; }
            body { margin: 0; color: #1f2328; background: #fff; line-height: 1.5;
              font-family: -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial,
                sans-serif; word-wrap: break-word; overflow-wrap: break-word; }
            .markdown-body { max-width: 48rem; margin: 0 auto; padding: 2rem 1rem; }
            @media print { .markdown-body { max-width: none; padding: 0; } html { font-size: 11pt; } }
            h1, h2, h3, h4, h5, h6 { margin: 1.5em 0 0.5em; font-weight: 600; line-height: 1.25;
              page-break-after: avoid; }
            h1 { font-size: 2em; padding-bottom: 0.3em; border-bottom: 1px solid #d1d9e0; }
            h2 { font-size: 1.5em; padding-bottom: 0.3em; border-bottom: 1px solid #d1d9e0; }
            h3 { font-size: 1.25em; } h4 { font-size: 1em; } h5 { font-size: 0.875em; }
            h6 { font-size: 0.85em; color: #59636e; }
            p, blockquote, ul, ol, dl, table, pre { margin: 0 0 1em; }
            a { color: #0969da; text-decoration: none; }
            a:hover { text-decoration: underline; }
            ul, ol { padding-left: 2em; }
            li + li { margin-top: 0.25em; }
            blockquote { padding: 0 1em; color: #59636e; border-left: 0.25em solid #d1d9e0; }
            [dir=rtl] ul, [dir=rtl] ol { padding-left: 0; padding-right: 2em; }
            [dir=rtl] blockquote { border-left: none; border-right: 0.25em solid #d1d9e0; }
            hr { height: 0.25em; margin: 1.5em 0; padding: 0; border: 0; background: #d1d9e0; }
            code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono",
              "Liberation Mono", monospace; font-size: 85%; }
            code { padding: 0.2em 0.4em; border-radius: 6px; background: #eff1f3; }
            pre { padding: 1em; overflow: auto; line-height: 1.45; border-radius: 6px; background: #f6f8fa;
              white-space: pre-wrap; }
            pre code { padding: 0; background: transparent; font-size: 100%; }
            table { border-collapse: collapse; border-spacing: 0; max-width: 100%; }
            th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
            th { font-weight: 600; background: #f6f8fa; }
            tr:nth-child(2n) td { background: #f6f8fa; }
            thead { display: table-header-group; }
            tr { page-break-inside: avoid; }
            img { max-width: 100%; border-style: none; }
            del { color: #59636e; }
            """;

    private MarkdownStylesheet() {
    }
}
