"""When each hook runs, relative to the plugins it works around: every priority in hooks/ comes from here.

MkDocs runs an event's handlers from the highest priority to the lowest (default 0; at equal priority,
plugins before hooks, hooks in mkdocs.yml order). Every event from on_config to on_post_build runs once per
language: mkdocs-static-i18n builds the default language, then each other language on the same config. Under
`mkdocs build`, each other language's events run in a process forked from the default language's build at
its on_files, and i18n's call to build it there collects the result (handbook.parallel_languages).

The other plugins' numbers were read from their sources (Material 9.8.2, mkdocs-static-i18n 1.3.1):

=====================  =====  ===============================================================================
event                  prio   handler
=====================  =====  ===============================================================================
on_config               100   hooks/blog_i18n: one blog instance per language, only this language's enabled
on_config                10   hooks/vendored_assets: the offline shim from this site (offline plugin: 0)
on_config                 0   hooks/render_cache: under `mkdocs serve`, Material's privacy scan of a page reused
on_config                 0   Material's blog plugins; hooks/feeds, privacy, search, templates: feed URL;
                              quick-exit address; where the search index is, and the dialog's strings; the
                              theme's files listed without its hidden icon folders (MkDocs lists them next)
on_pre_build            100   hooks/content_checks, changes: the content checks; the chapters' git history, read
                              before `mkdocs build` forks the other languages (default language's build only)
on_files                100   hooks/parallel_languages: under `mkdocs build`, each further language forked off to
                              build beside the default one (the site folder is emptied, nothing read yet)
on_files                -40   hooks/blog_i18n (prepare): every English post handed to this language's blog
on_files                -50   Material's blog: reads posts, makes its views
on_files                -75   hooks/blog_i18n (shelter): blog files kept out of i18n's rebuild
on_files               -100   mkdocs-static-i18n: rebuilds the file list for this language
on_files               -110   hooks/blog_i18n (restore): blog files back, with URLs and alternates
on_files               -120   hooks/vendored_assets, search: Material's bundle loads its lazy scripts from this
                              site; Material's own search worker and lunr left out
on_files               -125   hooks/trainer_views: slides, checklist and facilitator pages per chapter
on_files               -126   hooks/translation_status: broken translations refused, status known, status page
on_files               -127   hooks/related: cross-links ranked, once every page of the language is known
on_files               -128   hooks/changes: git history read (once per build), What changed page and its data
on_nav                 -100   mkdocs-static-i18n: rewrites alternates of files under blog/
on_nav                 -110   hooks/blog_i18n: the bridge's alternates put back
on_startup                0   hooks/quiet_logs, render_cache, site_output, parallel_languages: i18n's routine INFO
                              lines out of the log; under `mkdocs serve` only, the rendering cache on and the
                              site folder kept; under `mkdocs build` only, languages built side by side (i18n's
                              call to build each further language taken over)
on_serve                  0   hooks/serve_watch: the project polled for saves every 0.1 s (MkDocs: 0.5 s)
on_shutdown               0   hooks/render_cache, site_output: the rendering cache emptied, MkDocs' own cleaning
                              back, when `mkdocs serve` stops
on_pre_build              0   hooks/site_output: under `mkdocs serve`, the site folder kept (MkDocs empties it
                              after on_pre_build), from the default language's build
on_env                  100   hooks/render_cache: under `mkdocs serve`, templates made as PageTemplate, which
                              reuse a page's last HTML when nothing its template is given changed
on_env                    0   hooks/templates: the build's one Jinja environment kept, compiled templates reused
on_env                    0   hooks/page_extras: the language's final pages indexed by path, for the links of posts' notes
on_env                -1000   hooks/parallel_languages: the default language's pages handed to each forked
                              language's sitemap; in a forked language, the pages its checks left listed
on_env                -1000   hooks/render_cache: under `mkdocs serve`, the language's pages and files described
                              once, as every page's cached HTML is keyed by them
on_page_read_source       0   hooks/sources: each page's Markdown from the build's one copy of it
on_page_markdown         90   hooks/trainer_views: trainer notes out of the reader's page
on_page_markdown         10   hooks/vocabulary_labels: tag ids to labels (tags plugin collects at -50)
on_page_markdown        -90   hooks/glossary: the glossary snippet appended, last change to the Markdown
on_page_markdown       -100   hooks/render_cache: under `mkdocs serve`, an unchanged page's last rendering reused
on_page_content         100   hooks/content_checks: HTML that looks like code confirmed against this rendering
on_page_content           0   hooks/accessibility, hooks/bidi_addresses: task-list labels, address direction
on_page_content           0   hooks/render_cache: under `mkdocs serve`, a post's excerpt renderings reused
on_page_content        -200   hooks/sanitize: the allowlist sanitiser, last on every page's own HTML
on_page_content        -210   hooks/blog_excerpts: a rendered post's Markdown cut to what its excerpts show
on_page_context          50   mkdocs-static-i18n: this page's alternates
on_page_context           0   hooks/language_switcher, ui_context, trainer_views, page_extras, search: context
                              data; the page's own text into its language's search index
on_page_context        -100   Material's blog: excerpts rendered for index pages
on_page_context        -101   hooks/page_extras: excerpts shown in another language marked as such
on_page_context        -105   hooks/sanitize: every excerpt sanitised, last
on_template_context     100   hooks/parallel_languages: in a forked language, the sitemap waits for the default
                              language's pages (i18n, at 0, lists every language's)
on_template_context       0   hooks/not_found_pages, trainer_views, ui_context: 404 switcher and strings; sitemap
on_post_template         50   hooks/privacy: CSP, referrer policy, no generator, on template pages (404)
on_post_template          0   hooks/not_found_pages: one 404 page per language
on_post_page              0   hooks/accessibility, hooks/language_switcher: whole-page repairs
on_post_page           -300   hooks/privacy: CSP with the hashes of the theme's inline scripts, referrer policy
on_post_build           100   hooks/content_checks: this language's pages are done (i18n builds the next at -100)
on_post_build           100   hooks/render_cache: under `mkdocs serve`, a configuration changed during the build
                              drops the language's cached HTML
on_post_build             0   hooks/feeds, search, changes: this language's RSS feeds and search index
on_post_build          -500   hooks/site_output: under `mkdocs serve`, what the rebuild did not write removed
on_post_build         -1000   hooks/parallel_languages: at the whole build's end, a forked language nobody
                              collected fails the build (its pages would be missing)
on_post_build         -1000   hooks/content_checks, headers: pages no build rendered as written are rendered and
                              checked; _headers from every page's CSP hashes and every file written so far
on_build_error            0   hooks/site_output, parallel_languages: MkDocs' own cleaning back after a failed
                              serve build; the forked languages of a failed build stopped
=====================  =====  ===============================================================================

Nothing after the sanitiser adds contributor text: notices, cross-links and page actions are rendered by
partials from page context data (overrides/partials/page-body.html), never spliced into page.content.
"""

# Other plugins' priorities that ours are placed around.
BLOG_READS_POSTS = -50  # Material's blog, on_files
I18N_REBUILDS_FILES = -100  # mkdocs-static-i18n, on_files and on_nav
BLOG_RENDERS_EXCERPTS = -100  # Material's blog, on_page_context
I18N_SETS_ALTERNATES = 50  # mkdocs-static-i18n, on_page_context

# Ours.
FIRST = 100  # before every plugin's handler of the event
BEFORE_OFFLINE_CONFIG = 10
BEFORE_TAGS = 10  # the tags plugin collects at -50
PREPARE_BLOG = BLOG_READS_POSTS + 10
SHELTER_BLOG = (BLOG_READS_POSTS + I18N_REBUILDS_FILES) // 2
AFTER_I18N = I18N_REBUILDS_FILES - 10
VENDOR_ASSETS = AFTER_I18N - 10
TRAINER_VIEWS = VENDOR_ASSETS - 5
TRANSLATION_STATUS = TRAINER_VIEWS - 1  # after every file has been added
RELATED = TRANSLATION_STATUS - 1  # once every page of the language is known
CHANGES = RELATED - 1  # every chapter of the language is in the file list
AFTER_I18N_ALTERNATES = I18N_SETS_ALTERNATES - 50
TRAINER_NOTES_OUT = 90
GLOSSARY = -90  # after every other change to the Markdown
RENDER_CACHE = GLOSSARY - 10  # the Markdown is final
MARK_FALLBACK_EXCERPTS = BLOG_RENDERS_EXCERPTS - 1
SANITISE_EXCERPTS = BLOG_RENDERS_EXCERPTS - 5
SANITISE = -200  # last on a page's own HTML
EXCERPT_SOURCE = SANITISE - 10  # the post's own page is done with its Markdown
LAST = -1000
REMOVE_UNWRITTEN = -500  # after i18n's builds of the other languages (-100), before hooks/headers lists files
SECURE_PAGE = -300  # after every hook that rewrites a page's HTML: the CSP hashes what is finally there
BEFORE_404_COPIES = 50
