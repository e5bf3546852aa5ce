<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveActions</name>
    <message>
        <source>Cannot open the issue</source>
        <translation>无法打开这一期</translation>
    </message>
    <message>
        <source>Issue %1 started (%2) from %3 — save it into the archive</source>
        <translation>已从第 %3 期开始第 %1 期（%2）——请保存到往期文件夹</translation>
    </message>
    <message>
        <source>Copy format</source>
        <translation>复制格式</translation>
    </message>
    <message>
        <source>Format copied</source>
        <translation>格式已复制</translation>
    </message>
    <message>
        <source>Everything matched.</source>
        <translation>全部匹配。</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>往期文件夹</translation>
    </message>
</context>
<context>
    <name>ArchivePanel</name>
    <message>
        <source>Folder…</source>
        <extracomment>while the worker reads the archive, the list is filled again at most this often</extracomment>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Choose the archive folder (a folder of NNN/issue.yaml)</source>
        <translation>选择往期文件夹（包含 NNN/issue.yaml 的文件夹）</translation>
    </message>
    <message>
        <source>Search all past issues: titles, people, links…</source>
        <translation>搜索所有往期：标题、人名、链接……</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>期号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>本期提要</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Start the Next Issue from This One</source>
        <translation>从这一期开始下一期</translation>
    </message>
    <message>
        <source>Archive: %1</source>
        <translation>往期文件夹：%1</translation>
    </message>
    <message>
        <source>The archive index cannot be opened: %1</source>
        <translation>无法打开往期索引：%1</translation>
    </message>
    <message>
        <source>%1 issues</source>
        <translation>共 %1 期</translation>
    </message>
    <message>
        <source>%1 unreadable</source>
        <translation>%1 个文件无法读取</translation>
    </message>
    <message>
        <source>reading the archive… %1 of %2</source>
        <translation>正在读取往期…… %1 / %2</translation>
    </message>
    <message>
        <source>reading the archive…</source>
        <translation>正在读取往期……</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>date</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>highlights</source>
        <translation>本期提要</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>editors</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>video</source>
        <translation>talk 视频</translation>
    </message>
    <message>
        <source>Zhihu link</source>
        <translation>知乎链接</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>本期信息</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>，第 %1 行</translation>
    </message>
    <message>
        <source>%1 hits</source>
        <translation>%1 条结果</translation>
    </message>
</context>
<context>
    <name>BackgroundOpener</name>
    <message>
        <source>Cannot open the issue</source>
        <translation>无法打开这一期</translation>
    </message>
    <message>
        <source>Opening “%1” was cancelled; the open issue is unchanged.</source>
        <translation>已取消打开“%1”；当前这一期没有改动。</translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation>正在读取“%1”…</translation>
    </message>
    <message>
        <source>Open issue</source>
        <translation>打开期刊</translation>
    </message>
</context>
<context>
    <name>BackgroundTasks</name>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
</context>
<context>
    <name>BodyPaste</name>
    <message>
        <source>%1 is not a picture Qt can read</source>
        <translation>%1 不是能读取的图片</translation>
    </message>
    <message>
        <source>The image was not saved: %1</source>
        <translation>图片未保存：%1</translation>
    </message>
    <message>
        <source>Image saved as %1</source>
        <translation>图片已保存为 %1</translation>
    </message>
    <message>
        <source>Fetching the title of %1 …</source>
        <translation>正在获取 %1 的标题……</translation>
    </message>
    <message>
        <source>Title added: %1</source>
        <translation>已添加标题：%1</translation>
    </message>
    <message>
        <source>the line changed</source>
        <translation>该行已改动</translation>
    </message>
    <message>
        <source>No title for %1: %2</source>
        <translation>未能获取 %1 的标题：%2</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>The same item of the text was changed differently</source>
        <translation>正文中的同一条目被双方改得不同</translation>
    </message>
    <message>
        <source>One side deleted this section, the other changed it</source>
        <translation>一方删除了此版块，另一方修改了它</translation>
    </message>
    <message>
        <source>Field 【%1】</source>
        <translation>字段【%1】</translation>
    </message>
    <message>
        <source>Changed on both sides: %1</source>
        <translation>双方都改了：%1</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>(kept, with changes)</source>
        <translation>（保留，含修改）</translation>
    </message>
    <message>
        <source>No merge conflicts in “%1”.</source>
        <translation>“%1”没有合并冲突。</translation>
    </message>
    <message>
        <source>No merge conflicts.</source>
        <translation>没有合并冲突。</translation>
    </message>
    <message>
        <source>Select a section with conflicts in the tree: %1.</source>
        <translation>请在版块树里选择有冲突的版块：%1。</translation>
    </message>
    <message>
        <source>“%1”: %2 merge conflict(s). The issue holds your version until you choose.</source>
        <translation>“%1”：%2 处合并冲突。在你选择之前，本期保留你的版本。</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <source>Take Mine</source>
        <translation>采用我的</translation>
    </message>
    <message>
        <source>Take Theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>Keep Both</source>
        <translation>都保留</translation>
    </message>
</context>
<context>
    <name>CreditsActions</name>
    <message>
        <source>Rename or merge</source>
        <translation>改名或合并</translation>
    </message>
    <message>
        <source>New name for “%1” (an existing name merges the two):</source>
        <translation>“%1”的新名字（填已有的名字即合并两人）：</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>修改 %1 的名字</translation>
    </message>
    <message>
        <source>Assign owner</source>
        <translation>指定负责人</translation>
    </message>
    <message>
        <source>Who owns “%1”?</source>
        <translation>谁负责“%1”？</translation>
    </message>
    <message>
        <source>Add contributor</source>
        <translation>添加贡献者</translation>
    </message>
    <message>
        <source>Who contributed to “%1”?</source>
        <translation>谁为“%1”做了贡献？</translation>
    </message>
    <message>
        <source>Sign line</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Credit this line to:</source>
        <translation>这一行署名给：</translation>
    </message>
</context>
<context>
    <name>CreditsPanel</name>
    <message>
        <source>Person</source>
        <translation>人</translation>
    </message>
    <message>
        <source>Credited as</source>
        <translation>致谢</translation>
    </message>
    <message>
        <source>Rename / Merge…</source>
        <translation>改名 / 合并…</translation>
    </message>
    <message>
        <source>Rename a person everywhere, signatures included; renaming to an existing name merges the two</source>
        <translation>在所有地方（包括署名）修改此人的名字；改成已有的名字即合并两人</translation>
    </message>
    <message>
        <source>Make Host</source>
        <translation>设为主持人</translation>
    </message>
    <message>
        <source>Add as Editor</source>
        <translation>加为编辑</translation>
    </message>
    <message>
        <source>Sections nobody has claimed yet: ask for volunteers</source>
        <translation>还没人认领的版块：可以请大家认领</translation>
    </message>
    <message>
        <source>Assign Owner…</source>
        <translation>指定负责人…</translation>
    </message>
    <message>
        <source>Add Contributor…</source>
        <translation>添加贡献者…</translation>
    </message>
    <message>
        <source>the issue</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>owner: %1</source>
        <translation>负责：%1</translation>
    </message>
    <message>
        <source>contributes: %1</source>
        <translation>贡献：%1</translation>
    </message>
    <message>
        <source>signed %1 (%2)</source>
        <translation>署名 %1 处（%2）</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>contributor</source>
        <translation>贡献者</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>，第 %1 行</translation>
    </message>
    <message>
        <source>%1 people credited · %2 sections unclaimed</source>
        <translation>致谢 %1 人 · %2 个版块待认领</translation>
    </message>
</context>
<context>
    <name>DocumentManager</name>
    <message>
        <source>Cannot open the issue</source>
        <extracomment>The open file&apos;s path while it is gone from disk: Save there needs the host&apos;s word.</extracomment>
        <translation>无法打开这一期</translation>
    </message>
    <message>
        <source>“%1” could not be opened.</source>
        <translation>无法打开“%1”。</translation>
    </message>
    <message>
        <source>Imported “%1”</source>
        <translation>已导入「%1」</translation>
    </message>
    <message>
        <source>Cannot load the template</source>
        <translation>无法载入模板</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>The issue is too large to save; nothing was written.</source>
        <translation>这一期太大，无法保存；没有写入任何文件。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The save failed half-way (%1): %2 was written, the rest was not.</source>
        <translation>保存中途失败（%1）：已写入 %2，其余未写入。</translation>
    </message>
    <message>
        <source>The issue was not saved (%1); the files on disk are unchanged.</source>
        <translation>这一期没有保存（%1）；磁盘上的文件未改动。</translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation>设置没有保存：%1</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Cannot restore the draft</source>
        <translation>无法恢复草稿</translation>
    </message>
    <message>
        <source>The draft cannot be opened; its text is kept in %1.</source>
        <translation>草稿无法打开；其内容保留在 %1。</translation>
    </message>
    <message>
        <source>Draft restored — save it to keep it</source>
        <translation>草稿已恢复——请保存以留下它</translation>
    </message>
    <message>
        <source>on disk</source>
        <translation>磁盘上</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <source>Kept your version; saving will overwrite the file on disk</source>
        <translation>已保留你的版本；保存时将覆盖磁盘上的文件</translation>
    </message>
    <message>
        <source>Reloaded: the file changed on disk</source>
        <translation>已重新载入：文件在磁盘上被修改</translation>
    </message>
</context>
<context>
    <name>FieldsTable</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Keep the value in the next issue (otherwise it is cleared)</source>
        <translation>下一期保留此值（否则清空）</translation>
    </message>
    <message>
        <source>Add a field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <source>Remove the selected field</source>
        <translation>删除所选字段</translation>
    </message>
    <message>
        <source>Move the field up</source>
        <translation>上移字段</translation>
    </message>
    <message>
        <source>Move the field down</source>
        <translation>下移字段</translation>
    </message>
    <message>
        <source>Generated from the issue&apos;s metadata (%1)</source>
        <translation>由本期信息生成（%1）</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>新字段</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <source>Find in all sections</source>
        <translation>在所有版块中查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 处</translation>
    </message>
    <message>
        <source>%1 replaced</source>
        <translation>已替换 %1 处</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <source>not found</source>
        <extracomment>Why an image is missing (``image_missing``&apos;s ``reason``).</extracomment>
        <translation>找不到</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>no source folder</source>
        <translation>没有源文件目录</translation>
    </message>
    <message>
        <source>missing from the Word file</source>
        <translation>Word 文件里没有</translation>
    </message>
    <message>
        <source>Guessed: the file is not UTF-8; it was read as %1</source>
        <translation>推测：文件不是 UTF-8，已按 %1 读取</translation>
    </message>
    <message>
        <source>Title “%1” differs from “%2”; kept as written</source>
        <translation>标题「%1」与「%2」不同，已原样保留</translation>
    </message>
    <message>
        <source>No section recognised; the whole text went into “%1”</source>
        <translation>没有识别出版块，全文放入「%1」</translation>
    </message>
    <message>
        <source>【%1】 says %2 and the title %3; the title&apos;s number is used</source>
        <translation>【%1】写的是 %2，标题是 %3；以标题为准</translation>
    </message>
    <message>
        <source>number</source>
        <extracomment>The metadata an import recognises (``importing.vocabulary.METADATA_KEYS``).</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>highlights</source>
        <translation>本期提要</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>editors</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>(also possible: %1)</source>
        <translation>（也可能是：%1）</translation>
    </message>
    <message>
        <source>Recognised %1 sections and %2 fields</source>
        <translation>识别出 %1 个版块、%2 个字段</translation>
    </message>
    <message>
        <source>metadata: %1</source>
        <translation>元数据：%1</translation>
    </message>
    <message>
        <source>%1 people (%2)</source>
        <translation>%1 位参与者（%2）</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 张图片</translation>
    </message>
    <message>
        <source>%1 lines kept as body text</source>
        <translation>%1 行作为正文保留</translation>
    </message>
    <message>
        <source> (%1 of them not recognised as structure)</source>
        <translation>（其中 %1 行未识别为结构）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Left out: Word comment by %1: %2</source>
        <translation>未导入：%1 的 Word 批注：%2</translation>
    </message>
    <message>
        <source>Left out: %1 Word element(s) &lt;%2&gt; holding text</source>
        <translation>未导入：%1 个含文字的 Word 元素 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Missing image: %1 (%2)</source>
        <translation>缺少图片：%1（%2）</translation>
    </message>
    <message>
        <source>Invisible characters %1 ignored in “%2”</source>
        <translation>识别「%2」时忽略了不可见字符 %1</translation>
    </message>
    <message>
        <source>Kept as footnotes: %1 footnotes, %2 endnotes</source>
        <translation>已保留为脚注：%1 个脚注、%2 个尾注</translation>
    </message>
    <message>
        <source>Standing text: “%1” is the same in issues %2</source>
        <translation>固定文字：「%1」在第 %2 期相同</translation>
    </message>
</context>
<context>
    <name>IssueDocument</name>
    <message>
        <source>Edit %1</source>
        <extracomment>Sections whose text document was edited since its text was last copied to the model (only the open typing run&apos;s section). The issue as it is on disk (or as it was created): &quot;modified&quot; means &quot;differs from it&quot;. Images not yet on disk (an imported past issue&apos;s, the standing images of a new next issue, images pasted before the first save): name in assets/ -&gt; bytes, written to assets/ on the first save. The preview shows them through ``pending_image``.</extracomment>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Edit section</source>
        <translation>编辑版块</translation>
    </message>
    <message>
        <source>Edit fields</source>
        <translation>编辑字段</translation>
    </message>
    <message>
        <source>Add section</source>
        <translation>添加版块</translation>
    </message>
    <message>
        <source>Delete section</source>
        <translation>删除版块</translation>
    </message>
    <message>
        <source>Move section</source>
        <translation>移动版块</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes the next time talkeditor starts</source>
        <translation>语言将在下次启动 talkeditor 时生效</translation>
    </message>
</context>
<context>
    <name>LinkActions</name>
    <message>
        <source>Every link has a title line</source>
        <translation>每个链接都已有标题行</translation>
    </message>
    <message>
        <source>Fetching %1 link titles …</source>
        <translation>正在获取 %1 个链接的标题……</translation>
    </message>
    <message>
        <source>Fill missing link titles</source>
        <translation>补全链接标题</translation>
    </message>
    <message>
        <source>Added %1 link titles</source>
        <translation>已添加 %1 个链接标题</translation>
    </message>
    <message>
        <source>; %1 pages gave no title</source>
        <translation>；%1 个网页未取到标题</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>插入图片</translation>
    </message>
    <message>
        <source>Choose a section first: the image goes into its body.</source>
        <translation>请先选择一个版块：图片会插入到它的正文中。</translation>
    </message>
    <message>
        <source>Cannot insert the image</source>
        <translation>无法插入图片</translation>
    </message>
    <message>
        <source>%1 is not a picture Qt can read</source>
        <translation>%1 不是能读取的图片</translation>
    </message>
    <message>
        <source>Images not copied: %1</source>
        <translation>图片未复制：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sections</source>
        <extracomment>start-up milestones, in order: &apos;shell&apos; (first paint, maybe without the issue), &apos;document&apos; (the issue painted), &apos;preview&apos; (its first render set)</extracomment>
        <translation>版块</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Past Issues</source>
        <translation>往期</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>贡献者</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
</context>
<context>
    <name>MetadataForm</name>
    <message>
        <source>e.g. 005 or 番外02</source>
        <translation>例如 005 或 番外02</translation>
    </message>
    <message>
        <source>Only for special issues; otherwise series + number</source>
        <translation>仅用于特别期；默认为系列名 + 编号</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>未定日期</translation>
    </message>
    <message>
        <source>本期提要: one highlight per row; double-click to edit</source>
        <translation>本期提要：每行一条，双击编辑</translation>
    </message>
    <message>
        <source>Add a highlight</source>
        <translation>添加提要</translation>
    </message>
    <message>
        <source>Remove the selected highlight</source>
        <translation>删除所选提要</translation>
    </message>
    <message>
        <source>names separated by 、</source>
        <translation>多人用“、”分隔</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>本期提要</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Editors</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>talk 视频</translation>
    </message>
    <message>
        <source>Zhihu link</source>
        <translation>知乎链接</translation>
    </message>
    <message>
        <source>New highlight</source>
        <translation>新提要</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Hide this notice</source>
        <translation>隐藏此提示</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Image not shown: %1</source>
        <translation>图片未显示：%1</translation>
    </message>
    <message>
        <source>This section has {0} characters: the preview shows sections of up to {1} characters.</source>
        <extracomment>Builds the Zhihu post for the Zhihu mode (set by the window); None: default options. where each section is in the document on screen, for in-place updates True while the document on screen is the issue&apos;s HTML as the cache last gave it</extracomment>
        <translation>这个版块有 {0} 个字符：预览只显示不超过 {1} 个字符的版块。</translation>
    </message>
    <message>
        <source>This section nests quotes or lists more than {0} levels deep: the preview does not show it.</source>
        <translation>这个版块的引用或列表嵌套超过 {0} 层：预览不显示它。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>Labels of Qt&apos;s own file dialog that qtbase_zh_CN.qm does not translate (Qt 6 added the mnemonics, the .qm still has &quot;Look in:&quot; and &quot;Files of type:&quot;): listed here so that lupdate puts them into our .ts, whose translator Qt asks when its own has no answer.</extracomment>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>No recent issues</source>
        <translation>没有最近打开的期刊</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
</context>
<context>
    <name>SectionActions</name>
    <message>
        <source>New section</source>
        <translation>新版块</translation>
    </message>
    <message>
        <source>New subsection</source>
        <translation>新子版块</translation>
    </message>
    <message>
        <source>Deleted “%1” — Undo (Ctrl+Z) brings it back</source>
        <translation>已删除“%1”——撤销（Ctrl+Z）可恢复</translation>
    </message>
</context>
<context>
    <name>SectionBodies</name>
    <message>
        <source>Typing</source>
        <translation>输入</translation>
    </message>
</context>
<context>
    <name>SectionPane</name>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Optional sections are titled 本周经典-optional and left out of the Zhihu post when empty</source>
        <translation>可选版块标题带 -optional，为空时不放进知乎文章</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>no time</source>
        <translation>不限时</translation>
    </message>
    <message>
        <source>Weekly content</source>
        <translation>每周内容</translation>
    </message>
    <message>
        <source>Standing text</source>
        <translation>固定文字</translation>
    </message>
    <message>
        <source>Weekly content is cleared in the next issue; standing text is kept</source>
        <translation>每周内容在下一期清空；固定文字保留</translation>
    </message>
    <message>
        <source>unclaimed — names separated by 、</source>
        <translation>待认领——多人用“、”分隔</translation>
    </message>
    <message>
        <source>names separated by 、</source>
        <translation>多人用“、”分隔</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>贡献者</translation>
    </message>
    <message>
        <source>Write this section in Markdown: news, links, Q&amp;A … one item per line</source>
        <translation>用 Markdown 写这一版块：新闻、链接、问答……每行一条</translation>
    </message>
    <message>
        <source>Links and papers that already appeared in past issues; double-click to go to the line</source>
        <translation>往期已经出现过的链接和论文；双击跳到该行</translation>
    </message>
    <message>
        <source>Edit section</source>
        <translation>编辑版块</translation>
    </message>
    <message>
        <source>same text in %1</source>
        <translation>与第 %1 期相同</translation>
    </message>
    <message>
        <source>The body is the same in issues %1, so it is kept as standing text in the next issue. Choose “Weekly content” to clear it instead.</source>
        <translation>正文在第 %1 期都相同，因此下一期会作为固定文字保留。选择“每周内容”则在下一期清空。</translation>
    </message>
    <message>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
</context>
<context>
    <name>SectionTreeModel</name>
    <message>
        <source>Section</source>
        <translation>版块</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>%1 merge conflict(s): see the Conflicts panel</source>
        <translation>%1 处合并冲突：见“冲突”面板</translation>
    </message>
    <message>
        <source>Optional section</source>
        <translation>可选版块</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Unclaimed: nobody owns this section yet</source>
        <translation>待认领：这一版块还没有负责人</translation>
    </message>
    <message>
        <source>Issue: %1</source>
        <translation>本期：%1</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>本期信息</translation>
    </message>
    <message>
        <source>Number, date, highlights, host and editors; total talk time %1 min</source>
        <translation>编号、时间、提要、主持人和编辑；总时长 %1 分钟</translation>
    </message>
</context>
<context>
    <name>StatusCounts</name>
    <message>
        <source>Section: %1 chars</source>
        <translation>本版块：%1 字</translation>
    </message>
    <message>
        <source>Issue: %1 chars</source>
        <translation>本期：%1 字</translation>
    </message>
    <message>
        <source>Talk time: %1 min</source>
        <translation>时长：%1 分钟</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Conflicts</source>
        <extracomment>False until the first status check (after the first paint): the window&apos;s activation at start-up runs no git before the window is on screen</extracomment>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>The name your Sync commits carry and Sign Line As offers first:</source>
        <translation>同步提交时署的名字，也是“为本行署名”默认的名字：</translation>
    </message>
    <message>
        <source>Share the archive</source>
        <translation>共享归档</translation>
    </message>
    <message>
        <source>“%1” is not shared yet. The address of the shared git repository (e.g. https://github.com/you/talk-archive.git or a folder):</source>
        <translation>“%1”尚未共享。共享 git 仓库的地址（例如 https://github.com/you/talk-archive.git 或一个文件夹）：</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>正在同步 %1…</translation>
    </message>
    <message>
        <source>Synced with %1 conflict(s) to resolve</source>
        <translation>已同步，有 %1 处冲突待解决</translation>
    </message>
    <message>
        <source>Synced: %1</source>
        <translation>已同步：%1</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>The archive was not synced.</source>
        <translation>归档没有同步。</translation>
    </message>
    <message>
        <source>Merge from Sync</source>
        <translation>同步合并</translation>
    </message>
    <message>
        <source>Resolve conflict</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <source>Archive not shared</source>
        <translation>归档未共享</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>同步于 %1</translation>
    </message>
    <message>
        <source>local changes</source>
        <translation>有本地改动</translation>
    </message>
    <message>
        <source>no local changes</source>
        <translation>无本地改动</translation>
    </message>
</context>
<context>
    <name>WorkSafety</name>
    <message>
        <source>Autosave works again: crash protection is back on.</source>
        <translation>自动保存恢复正常：崩溃保护已重新开启。</translation>
    </message>
    <message>
        <source>Autosave is failing (%1): crash protection is OFF. Save your work, or free disk space; autosave keeps trying.</source>
        <translation>自动保存失败（%1）：崩溃保护已关闭。请保存你的工作，或腾出磁盘空间；自动保存会继续尝试。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>“%1” was deleted or its folder moved by another program. Your text is still here; save it to keep it.</source>
        <translation>“%1”已被其他程序删除，或其文件夹被移走。你的文字仍在这里，请保存以保留。</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save here again</source>
        <translation>重新保存到原处</translation>
    </message>
    <message>
        <source>“%1” was changed by another program and cannot be read now (%2). Your text is kept; saving will overwrite that file.</source>
        <translation>“%1”被其他程序修改，现在无法读取（%2）。你的文字已保留；保存将覆盖该文件。</translation>
    </message>
</context>
<context>
    <name>ZhihuActions</name>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The export to Zhihu was cancelled; nothing was written.</source>
        <translation>已取消导出到知乎；没有写入任何文件。</translation>
    </message>
    <message>
        <source>Export to Zhihu</source>
        <translation>导出到知乎</translation>
    </message>
    <message>
        <source>Writing the post for Zhihu…</source>
        <translation>正在写出知乎文章…</translation>
    </message>
    <message>
        <source>Checking the post for Zhihu…</source>
        <translation>正在检查知乎文章…</translation>
    </message>
    <message>
        <source>Exported to %1; the post is on the clipboard</source>
        <translation>已导出到 %1；文章已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>ZhihuExportDialog</name>
    <message>
        <source>Export for Zhihu</source>
        <translation>导出到知乎</translation>
    </message>
    <message>
        <source>Full title (%1 characters):</source>
        <translation>完整标题（%1 个字）：</translation>
    </message>
    <message>
        <source>Title to publish:</source>
        <translation>发布用的标题：</translation>
    </message>
    <message>
        <source>Pre-publish check:</source>
        <translation>发布前检查：</translation>
    </message>
    <message>
        <source>Pre-publish check: no problems found.</source>
        <translation>发布前检查：没有发现问题。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Where you host the images: local image paths become this address + the file name</source>
        <translation>图片放在哪里：本地图片路径会换成这个地址 + 文件名</translation>
    </message>
    <message>
        <source>Image base URL</source>
        <translation>图片地址前缀</translation>
    </message>
    <message>
        <source>Link cards: a URL alone on a line (with the title line above it) becomes a Zhihu link card</source>
        <translation>链接卡片：单独一行的网址（连同上一行的标题）导出为知乎链接卡片</translation>
    </message>
    <message>
        <source>Writes post.md (for 导入文档), post.html, title.txt and images/, and copies the post to the clipboard.</source>
        <translation>写出 post.md（用于「导入文档」）、post.html、title.txt 和 images/，并把文章复制到剪贴板。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 个字</translation>
    </message>
    <message>
        <source>Zhihu allows at most 100 characters</source>
        <translation>知乎标题最多 100 个字</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>&amp;New from Template</source>
        <translation>从模板新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new issue from the default template</source>
        <translation>用默认模板开始新的一期</translation>
    </message>
    <message>
        <source>New from &amp;Past Issue…</source>
        <translation>从往期新建(&amp;P)…</translation>
    </message>
    <message>
        <source>Start the next issue from a past one: same format, number + 1, next date</source>
        <translation>从往期开始下一期：格式相同，编号加一，日期顺延</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an issue (.yaml) or a past issue (.md, .txt, .docx)</source>
        <translation>打开一期（.yaml）或往期文档（.md、.txt、.docx）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save issue.yaml and issue.md</source>
        <translation>保存 issue.yaml 和 issue.md</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the issue under a new name</source>
        <translation>以新名称保存本期</translation>
    </message>
    <message>
        <source>&amp;Export for Zhihu…</source>
        <translation>导出到知乎(&amp;E)…</translation>
    </message>
    <message>
        <source>Write post.md, post.html and title.txt for Zhihu and copy the post</source>
        <translation>为知乎写出 post.md、post.html 和 title.txt，并复制文章</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Share the archive with the other contributors through git: commit, fetch, merge, push</source>
        <translation>通过 git 与其他贡献者共享归档：提交、拉取、合并、推送</translation>
    </message>
    <message>
        <source>Your &amp;Name…</source>
        <translation>你的名字(&amp;N)…</translation>
    </message>
    <message>
        <source>The name Sync commits with and Sign Line As offers first</source>
        <translation>同步提交时署的名字，也是“为本行署名”默认的名字</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit talkeditor</source>
        <translation>退出 talkeditor</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>撤销上一次修改</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the last undone change</source>
        <translation>重做上一次撤销的修改</translation>
    </message>
    <message>
        <source>&amp;Find and Replace…</source>
        <translation>查找和替换(&amp;F)…</translation>
    </message>
    <message>
        <source>Find and replace across all sections</source>
        <translation>在所有版块中查找和替换</translation>
    </message>
    <message>
        <source>Sign &amp;Line As…</source>
        <translation>为本行署名(&amp;L)…</translation>
    </message>
    <message>
        <source>Credit the current line to a person (—名字)</source>
        <translation>把当前行署名给某人（—名字）</translation>
    </message>
    <message>
        <source>Fill Missing &amp;Link Titles</source>
        <translation>补全链接标题(&amp;L)</translation>
    </message>
    <message>
        <source>Fetch the page title of every bare link that has no title line</source>
        <translation>为每个没有标题行的链接获取网页标题</translation>
    </message>
    <message>
        <source>Fetch Titles of &amp;Pasted Links</source>
        <translation>粘贴链接时获取标题(&amp;P)</translation>
    </message>
    <message>
        <source>When a link is pasted on an empty line, fetch its page title and put it above</source>
        <translation>在空行粘贴链接时，读取网页标题并放在上一行</translation>
    </message>
    <message>
        <source>&amp;Image…</source>
        <translation>图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Put a picture into the issue&apos;s assets/ and insert it at the cursor</source>
        <translation>把图片放进本期的 assets/ 并插入到光标处</translation>
    </message>
    <message>
        <source>&amp;Add Section</source>
        <translation>添加版块(&amp;A)</translation>
    </message>
    <message>
        <source>Add a section after the selected one</source>
        <translation>在所选版块之后添加版块</translation>
    </message>
    <message>
        <source>Add &amp;Subsection</source>
        <translation>添加子版块(&amp;S)</translation>
    </message>
    <message>
        <source>Add a subsection under the selected section</source>
        <translation>在所选版块下添加子版块</translation>
    </message>
    <message>
        <source>&amp;Rename Section</source>
        <translation>重命名版块(&amp;R)</translation>
    </message>
    <message>
        <source>Rename the selected section</source>
        <translation>重命名所选版块</translation>
    </message>
    <message>
        <source>&amp;Copy Format from Past Issue…</source>
        <translation>从往期复制格式(&amp;C)…</translation>
    </message>
    <message>
        <source>Bring a past issue&apos;s sections and standing text into this draft, keeping its content</source>
        <translation>把往期的版块和固定文字带进本期草稿，保留草稿内容</translation>
    </message>
    <message>
        <source>&amp;Delete Section</source>
        <translation>删除版块(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected section and its subsections</source>
        <translation>删除所选版块及其子版块</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the selected section up</source>
        <translation>上移所选版块</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Move the selected section down</source>
        <translation>下移所选版块</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Show or hide the live preview</source>
        <translation>显示或隐藏实时预览</translation>
    </message>
    <message>
        <source>&amp;Zhihu Preview</source>
        <translation>知乎预览(&amp;Z)</translation>
    </message>
    <message>
        <source>Show the preview as the Zhihu post will look</source>
        <translation>按知乎文章的样子显示预览</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>Open the user guide (in Chinese)</source>
        <translation>打开使用指南</translation>
    </message>
    <message>
        <source>&amp;About talkeditor</source>
        <translation>关于 talkeditor(&amp;A)</translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation>版本和致谢</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Section</source>
        <translation>版块(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>talkeditor ran into an unexpected error; the action was not finished. Your open issue is still here: save it to be safe.</source>
        <translation>talkeditor 遇到了意外错误，刚才的操作没有完成。打开的这一期还在：为稳妥起见请保存。</translation>
    </message>
    <message>
        <source>Details were written to %1</source>
        <translation>详细信息已写入 %1</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Issues and past issues (*.yaml *.yml *.md *.markdown *.txt *.docx)</source>
        <translation>期刊和往期文档 (*.yaml *.yml *.md *.markdown *.txt *.docx)</translation>
    </message>
    <message>
        <source>talkeditor issues (*.yaml *.yml)</source>
        <translation>talkeditor 期刊 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Markdown, text and Word (*.md *.markdown *.txt *.docx)</source>
        <translation>Markdown、文本和 Word (*.md *.markdown *.txt *.docx)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open issue</source>
        <translation>打开期刊</translation>
    </message>
    <message>
        <source>Save issue as</source>
        <translation>本期另存为</translation>
    </message>
    <message>
        <source>talkeditor issues (*.yaml)</source>
        <translation>talkeditor 期刊 (*.yaml)</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>插入图片</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Save the changes to “%1”?</source>
        <translation>保存对“%1”的修改吗？</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>如果不保存，修改将会丢失。</translation>
    </message>
    <message>
        <source>About talkeditor</source>
        <translation>关于 talkeditor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;talkeditor %1&lt;/h3&gt;&lt;p&gt;An editor for the issues of a weekly community talk: draft the sections, credit the people, reuse past issues and publish to Zhihu.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;talkeditor %1&lt;/h3&gt;&lt;p&gt;社区周刊编辑器：起草各版块、致谢贡献者、复用往期格式并发布到知乎。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Recover unsaved drafts</source>
        <translation>恢复未保存的草稿</translation>
    </message>
    <message>
        <source>talkeditor did not close properly. These drafts were saved automatically:</source>
        <translation>talkeditor 上次没有正常关闭。以下草稿已自动保存：</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard All</source>
        <translation>全部丢弃</translation>
    </message>
    <message>
        <source>Decide Later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>文件在磁盘上被修改</translation>
    </message>
    <message>
        <source>“%1” was changed by another program, and you have unsaved changes.</source>
        <translation>“%1”被其他程序修改了，而你还有未保存的修改。</translation>
    </message>
    <message>
        <source>Keep your version (it overwrites theirs when you save) or take theirs (your unsaved changes are dropped)? Show Details… lists the difference.</source>
        <translation>保留你的版本（保存时覆盖对方的修改），还是采用对方的版本（丢弃你未保存的修改）？“显示细节…”列出差异。</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take Theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>talkeditor User Guide</source>
        <translation>talkeditor 使用指南</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <source>Section “%1” renamed to “%3” (the past issue&apos;s title)</source>
        <extracomment>How many past issues a repeat names before &quot;and others&quot;. Copy Format&apos;s notes: %1 the section&apos;s title path, %2 the field&apos;s label, %3 the new title.</extracomment>
        <translation>版块「%1」改名为「%3」（往期的标题）</translation>
    </message>
    <message>
        <source>Section “%1”: standing text in the past issue; what this issue has written is kept</source>
        <translation>版块「%1」：往期此处是固定文本，保留了本期已写的内容</translation>
    </message>
    <message>
        <source>Section “%1”: its standing text is replaced by the past issue&apos;s</source>
        <translation>版块「%1」的固定文本已换成往期的版本</translation>
    </message>
    <message>
        <source>Section “%1”: weekly content in the past issue; this issue&apos;s standing text is kept as weekly content</source>
        <translation>版块「%1」：往期此处是每期内容，本期的固定文本已保留为本期内容</translation>
    </message>
    <message>
        <source>Section “%1”: 【%2】 is replaced by the past issue&apos;s standing value</source>
        <translation>版块「%1」的【%2】已换成往期的固定内容</translation>
    </message>
    <message>
        <source>Section “%1”: 【%2】 is not in the past issue; kept</source>
        <translation>版块「%1」的【%2】在往期中没有，已保留</translation>
    </message>
    <message>
        <source>Section “%1” is not in the past issue; kept as it is</source>
        <translation>版块「%1」在往期中没有，已原样保留</translation>
    </message>
    <message>
        <source>Cannot read %1: there is no such file</source>
        <extracomment>The core&apos;s errors the window words (``errors.IssueFormatError.code``). The codes in ``ERROR_DATA`` take %1, %2 … from the data keys listed there; the others: %1 the path, %2 the file name (or the name a credits edit refused), %3 the system&apos;s reason; sizes are %4 and %5 (the limit), in MiB; %6 a signature&apos;s style.</extracomment>
        <translation>无法读取 %1：没有这个文件</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 不是文件</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder</source>
        <translation>%1 已存在，但不是文件夹</translation>
    </message>
    <message>
        <source>%2 is not a picture (.png, .jpg, .gif, .webp, .bmp)</source>
        <translation>%2 不是图片（.png、.jpg、.gif、.webp、.bmp）</translation>
    </message>
    <message>
        <source>%2 is too large (%4 MiB; the limit is %5 MiB)</source>
        <translation>%2 太大（%4 MiB，上限是 %5 MiB）</translation>
    </message>
    <message>
        <source>Cannot read %1: %3</source>
        <translation>无法读取 %1：%3</translation>
    </message>
    <message>
        <source>%2 is an old Word .doc file: save it as .docx in Word or LibreOffice, then import that</source>
        <translation>%2 是旧版 Word .doc 文件：请先在 Word 或 LibreOffice 中另存为 .docx，再导入</translation>
    </message>
    <message>
        <source>%2 cannot be imported: past issues come as .txt, .md, .markdown or .docx</source>
        <translation>无法导入 %2：往期只能是 .txt、.md、.markdown 或 .docx 文件</translation>
    </message>
    <message>
        <source>%2 is empty</source>
        <translation>%2 是空文件</translation>
    </message>
    <message>
        <source>%2 is binary data, not a text or Markdown file</source>
        <translation>%2 是二进制数据，不是文本或 Markdown 文件</translation>
    </message>
    <message>
        <source>%2 is not a readable Word document (.docx): damaged, password-protected or another kind of file</source>
        <translation>%2 不是可读的 Word 文档（.docx）：文件已损坏、有密码保护，或是其他类型的文件</translation>
    </message>
    <message>
        <source>“%2” is not a name</source>
        <translation>「%2」不是人名</translation>
    </message>
    <message>
        <source>“%2” cannot be written in a list of names</source>
        <translation>「%2」无法写进名单</translation>
    </message>
    <message>
        <source>There is no name to rename</source>
        <translation>没有要改的名字</translation>
    </message>
    <message>
        <source>“%2” would not read back as the name of a signature</source>
        <translation>「%2」写进署名后无法再识别为署名</translation>
    </message>
    <message>
        <source>The style “%6” does not make a signature here</source>
        <translation>样式「%6」在这里不构成署名</translation>
    </message>
    <message>
        <source>Expected %1, got %2</source>
        <translation>应为%1，实际是%2</translation>
    </message>
    <message>
        <source>The tag %1 is not allowed in an issue file</source>
        <translation>期刊文件中不允许使用标签 %1</translation>
    </message>
    <message>
        <source>YAML aliases (*name) are not allowed in an issue file</source>
        <translation>期刊文件中不允许使用 YAML 别名（*name）</translation>
    </message>
    <message>
        <source>Keys must be text</source>
        <translation>键必须是文本</translation>
    </message>
    <message>
        <source>This key appears twice</source>
        <translation>这个键出现了两次</translation>
    </message>
    <message>
        <source>Missing (this key is required)</source>
        <translation>缺少这一项（必须填写）</translation>
    </message>
    <message>
        <source>The number is too large (%1 digits)</source>
        <translation>数字太大（%1 位）</translation>
    </message>
    <message>
        <source>Expected a whole number from %1 to %2, got %3</source>
        <translation>应为 %1 到 %2 之间的整数，实际是 %3</translation>
    </message>
    <message>
        <source>The nesting is too deep</source>
        <translation>嵌套层级太深</translation>
    </message>
    <message>
        <source>Missing: this is not a talkeditor issue file</source>
        <translation>缺少此项：这不是 talkeditor 的期刊文件</translation>
    </message>
    <message>
        <source>Written by a newer talkeditor (format %1); this version reads format %2 and older</source>
        <translation>由更新版本的 talkeditor 写入（格式 %1）；当前版本只能读取格式 %2 及更早的文件</translation>
    </message>
    <message>
        <source>Unknown format version %1</source>
        <translation>未知的格式版本 %1</translation>
    </message>
    <message>
        <source>Expected a calendar date as YYYY-MM-DD, got “%1”</source>
        <translation>应为 YYYY-MM-DD 格式的有效日期，实际是「%1」</translation>
    </message>
    <message>
        <source>Expected a time as HH:MM, got “%1”</source>
        <translation>应为 HH:MM 格式的时间，实际是「%1」</translation>
    </message>
    <message>
        <source>The section id “%1” is used twice</source>
        <translation>版块 id「%1」重复使用了</translation>
    </message>
    <message>
        <source>“%1” is not allowed here (one of: %2)</source>
        <translation>这里不能填「%1」（可选：%2）</translation>
    </message>
    <message>
        <source>The issue file is too large (%1 MiB; the limit is %2 MiB)</source>
        <translation>期刊文件太大（%1 MiB，上限是 %2 MiB）</translation>
    </message>
    <message>
        <source>This is binary data, not a YAML issue file</source>
        <translation>这是二进制数据，不是 YAML 期刊文件</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text (a bad byte at offset %1)</source>
        <translation>文件不是 UTF-8 文本（偏移 %1 处有无效字节）</translation>
    </message>
    <message>
        <source>The file is malformed YAML: %1</source>
        <translation>YAML 格式有误：%1</translation>
    </message>
    <message>
        <source>The issue file is empty</source>
        <translation>期刊文件是空的</translation>
    </message>
    <message>
        <source>Line %1 is too long (%2 characters; the limit is %3)</source>
        <translation>第 %1 行太长（%2 个字符，上限是 %3）</translation>
    </message>
    <message>
        <source>Too many %1 (%2; the limit is %3)</source>
        <translation>%1太多（%2 个，上限是 %3）</translation>
    </message>
    <message>
        <source>Sections are nested too deep (more than %1 levels)</source>
        <translation>版块嵌套太深（超过 %1 层）</translation>
    </message>
    <message>
        <source>Line %1 of the text is nested %2 levels deep (lists and quotes; the limit is %3)</source>
        <translation>正文第 %1 行嵌套了 %2 层（列表和引用；上限是 %3 层）</translation>
    </message>
    <message>
        <source>%1 is not readable %2 text</source>
        <translation>%1 不是可读的 %2 文本</translation>
    </message>
    <message>
        <source>%1: the text encoding could not be recognised (it is not UTF-8); save the file as UTF-8 and import it again</source>
        <translation>%1：无法识别文本编码（不是 UTF-8）；请把文件另存为 UTF-8 后重新导入</translation>
    </message>
    <message>
        <source>%1 unpacks to too much for a Word document (too many or too large parts; perhaps a zip bomb)</source>
        <translation>%1 解压后的内容超出了 Word 文档的限度（部件太多或太大，可能是压缩炸弹）</translation>
    </message>
    <message>
        <source>%1: the imported issue would be too large to open again, so it was not imported: %2</source>
        <translation>%1：导入后的这一期太大，保存后将无法再次打开，因此没有导入：%2</translation>
    </message>
    <message>
        <source>The Markdown is nested too deeply to export</source>
        <translation>Markdown 嵌套太深，无法导出</translation>
    </message>
    <message>
        <source>The image address prefix must be an http(s) address, not “%1”</source>
        <translation>图片地址前缀必须是 http(s) 地址，而不是「%1」</translation>
    </message>
    <message>
        <source>An issue needs a number to go into the archive</source>
        <translation>这一期需要有编号才能放入往期文件夹</translation>
    </message>
    <message>
        <source>The archive already has issue %1 (%2)</source>
        <translation>往期文件夹里已经有第 %1 期（%2）</translation>
    </message>
    <message>
        <source>The archive %2 has no issue %1</source>
        <translation>往期文件夹 %2 里没有第 %1 期</translation>
    </message>
    <message>
        <source>The assets folder %1 does not exist</source>
        <translation>素材文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>Cannot copy the assets: %1</source>
        <translation>无法复制素材：%1</translation>
    </message>
    <message>
        <source>a mapping (key: value)</source>
        <extracomment>The data keys of a code&apos;s %1, %2 … (``errors.py`` names the data of each code). What a YAML node was or should have been (``errors.KINDS``: EXPECTED&apos;s %1 and %2).</extracomment>
        <translation>映射（键: 值）</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>布尔值（true 或 false）</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>a date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>a list of text</source>
        <translation>文本列表</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a list of sections</source>
        <translation>版块列表</translation>
    </message>
    <message>
        <source>a list of conflicts</source>
        <translation>冲突列表</translation>
    </message>
    <message>
        <source>items</source>
        <extracomment>What there are too many of (TOO_MANY&apos;s %1).</extracomment>
        <translation>条目</translation>
    </message>
    <message>
        <source>sections</source>
        <translation>版块</translation>
    </message>
    <message>
        <source>no image address</source>
        <extracomment>Why the preview does not show an image (``storage.images.CODES``, written out so that wording an error does not import the storage layer): %1, %2 from the data keys in ``_IMAGE_DATA``.</extracomment>
        <translation>没有图片地址</translation>
    </message>
    <message>
        <source>remote images are not loaded</source>
        <translation>不加载网络图片</translation>
    </message>
    <message>
        <source>file:// addresses are not shown; put the image in assets/</source>
        <translation>不显示 file:// 地址；请把图片放进 assets/</translation>
    </message>
    <message>
        <source>%1: addresses are not shown</source>
        <translation>不显示 %1: 地址</translation>
    </message>
    <message>
        <source>absolute paths are not shown; put the image in assets/</source>
        <translation>不显示绝对路径；请把图片放进 assets/</translation>
    </message>
    <message>
        <source>the issue is not saved yet, so it has no folder for images</source>
        <translation>这一期还没有保存，没有存放图片的文件夹</translation>
    </message>
    <message>
        <source>the path cannot be resolved</source>
        <translation>无法解析路径</translation>
    </message>
    <message>
        <source>outside the issue&apos;s folder</source>
        <translation>在这一期的文件夹之外</translation>
    </message>
    <message>
        <source>not an image file</source>
        <translation>不是图片文件</translation>
    </message>
    <message>
        <source>missing or unreadable</source>
        <translation>文件不存在或无法读取</translation>
    </message>
    <message>
        <source>not a regular file, so not an image</source>
        <translation>不是普通文件，因此不是图片</translation>
    </message>
    <message>
        <source>larger than %1 MB</source>
        <translation>超过 %1 MB</translation>
    </message>
    <message>
        <source>missing, unreadable or not a file</source>
        <translation>文件不存在、无法读取或不是文件</translation>
    </message>
    <message>
        <source>too many pixels (%1×%2)</source>
        <translation>像素太多（%1×%2）</translation>
    </message>
    <message>
        <source>cannot be decoded (%1)</source>
        <translation>无法解码（%1）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 (already written: %2)</source>
        <translation>%1（已写入：%2）</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3)</source>
        <translation>%1（第 %2 行，第 %3 列）</translation>
    </message>
    <message>
        <source>The title is empty</source>
        <extracomment>The Zhihu pre-publish findings (``zhihu.check.CODES``): %1 the subject (the offending text), %2 … the code&apos;s data in the order of ``ZHIHU_DATA``.</extracomment>
        <translation>标题为空</translation>
    </message>
    <message>
        <source>The title has %2 characters, over Zhihu&apos;s limit of %3; it would be cut or refused on publishing</source>
        <translation>标题有 %2 个字，超过知乎的 %3 字上限，发布时会被截断或拒绝</translation>
    </message>
    <message>
        <source>The full title has %2 characters, over Zhihu&apos;s limit of %5; shortened to %3 (“%4” cut from the end)</source>
        <translation>完整标题有 %2 个字，超过知乎的 %5 字上限，已缩短为 %3 个字（去掉了末尾的「%4」）</translation>
    </message>
    <message>
        <source>The title “%1” does not follow the series&apos; pattern “%2本期提要：…”; a slip?</source>
        <translation>标题「%1」不符合本系列的格式「%2本期提要：…」，可能是笔误</translation>
    </message>
    <message>
        <source>本期提要 (the highlights) is empty, so the title is only “%1”: fill it in</source>
        <translation>本期提要为空，标题只有「%1」：请填写本期提要</translation>
    </message>
    <message>
        <source>Emoji (%1): Zhihu may show them as boxes or filter them out</source>
        <translation>含有 emoji（%1），知乎可能显示为方框或直接过滤</translation>
    </message>
    <message>
        <source>“%1” is a heading of level 3 or deeper; Zhihu has two heading levels, so it became a bold paragraph</source>
        <translation>「%1」是三级及更深的标题，知乎只有两级标题，已改为加粗段落</translation>
    </message>
    <message>
        <source>An image without an address; left out</source>
        <translation>空图片（没有地址），已省略</translation>
    </message>
    <message>
        <source>Zhihu cannot read the local image “%1”: it was copied to images/; upload it and export again with an image address prefix, or insert it by hand in Zhihu&apos;s editor</source>
        <translation>本地图片「%1」知乎无法读取：已复制到 images/，请上传后用图片地址前缀重新导出，或在知乎编辑器里手动插入</translation>
    </message>
    <message>
        <source>Local image “%1”: the issue&apos;s folder is unknown, so the file cannot be found</source>
        <translation>本地图片「%1」：不知道期刊文件夹，无法找到这个文件</translation>
    </message>
    <message>
        <source>Local image “%1” not found</source>
        <translation>找不到本地图片「%1」</translation>
    </message>
    <message>
        <source>Image “%1” is outside the issue&apos;s folder (or not a picture); not copied</source>
        <translation>图片「%1」不在期刊文件夹内（或不是图片文件），没有复制</translation>
    </message>
    <message>
        <source>SVG image “%1”: Zhihu does not take SVG; convert it to PNG or JPG</source>
        <translation>SVG 图片「%1」知乎不支持，请转成 PNG 或 JPG</translation>
    </message>
    <message>
        <source>An image embedded as data: Zhihu cannot import it; use an image file</source>
        <translation>图片是 data: 内嵌数据，知乎无法导入，请改用图片文件</translation>
    </message>
    <message>
        <source>Image address “%1” points to this computer or a local network; Zhihu cannot fetch it</source>
        <translation>图片地址「%1」指向本机或内网，知乎抓取不到</translation>
    </message>
    <message>
        <source>Image address “%1” is not an http(s) address; Zhihu cannot fetch it</source>
        <translation>图片地址「%1」不是 http(s) 地址，知乎抓取不到</translation>
    </message>
    <message>
        <source>Image “%1” is on GitHub (raw.githubusercontent.com), which Zhihu often cannot fetch; upload it to Zhihu or an image host</source>
        <translation>图片「%1」在 GitHub（raw.githubusercontent.com）上，知乎常常抓取不到，请改传到知乎或图床</translation>
    </message>
    <message>
        <source>Image title “%1” exported as a caption below the image; check that the caption is still there in the Zhihu draft</source>
        <translation>图片标题「%1」已导出为图注（图片下方的说明），请在知乎草稿里确认图注还在</translation>
    </message>
    <message>
        <source>Image title “%1” not exported: the image is not a paragraph of its own, so Zhihu cannot give it a caption</source>
        <translation>图片标题「%1」没有导出：图片不是单独一段，知乎不能给它加图注</translation>
    </message>
    <message>
        <source>An image inside a link (%1): Zhihu drops links on images; the link was put after the image</source>
        <translation>链接里的图片（链接 %1）：知乎会去掉图片上的链接，已把链接放在图片后面</translation>
    </message>
    <message>
        <source>Link “%1” is not an http(s)/mailto link; Zhihu filters it, so it became plain text</source>
        <translation>链接「%1」不是 http(s)/mailto 链接，知乎会过滤，已改为纯文本</translation>
    </message>
    <message>
        <source>Raw HTML &lt;%1&gt; is not supported by Zhihu; removed with its content</source>
        <translation>原始 HTML &lt;%1&gt; 知乎不支持，已删除（连同其内容）</translation>
    </message>
    <message>
        <source>Formula “%1” in a table: Zhihu keeps only text in cells; written as $…$ text</source>
        <translation>表格里的公式「%1」知乎不支持（单元格只保留文字），已写成 $…$ 文字</translation>
    </message>
    <message>
        <source>Image “%1” in a table: Zhihu keeps only text in cells; only its description was kept</source>
        <translation>表格里的图片「%1」知乎不支持（单元格只保留文字），只保留了说明文字</translation>
    </message>
    <message>
        <source>Strikethrough “%1” is not supported by Zhihu; made plain text</source>
        <translation>删除线「%1」知乎不支持，已改为普通文字</translation>
    </message>
    <message>
        <source>Link “%1” in a heading: Zhihu headings cannot hold links; written as “text (address)”</source>
        <translation>标题里的链接「%1」：知乎的标题不能带链接，已写成「文字 (网址)」</translation>
    </message>
    <message>
        <source>Image “%1” in a heading: Zhihu headings cannot hold images; only its alternative text was kept</source>
        <translation>标题里的图片「%1」：知乎的标题不能带图片，只保留了替代文字</translation>
    </message>
    <message>
        <source>Formula “%1” in a heading: Zhihu headings keep only text; written as $…$ text</source>
        <translation>标题里的公式「%1」：知乎的标题只保留文字，已写成 $…$ 文字</translation>
    </message>
    <message>
        <source>&lt;%1&gt; superscript/subscript is not supported by Zhihu; its text became plain text (x² becomes x2)</source>
        <translation>&lt;%1&gt; 上标/下标知乎不支持，其中的文字变成了普通文字（如 x² 会变成 x2）</translation>
    </message>
    <message>
        <source>The formatting of raw HTML &lt;%1&gt; is not supported by Zhihu; only its text was kept</source>
        <translation>原始 HTML &lt;%1&gt; 的格式知乎不支持，只保留了其中的文字</translation>
    </message>
    <message>
        <source>The HTML comment “%1” will not appear on Zhihu</source>
        <translation>HTML 注释里的内容「%1」不会出现在知乎上</translation>
    </message>
    <message>
        <source>Markdown inside a raw HTML block (“%1”) is not parsed; Zhihu shows its symbols as they are</source>
        <translation>原始 HTML 块里的 Markdown「%1」不会被解析，知乎上会显示原样的符号</translation>
    </message>
    <message>
        <source>post.md can only write this as HTML (%1); Zhihu&apos;s document import may not accept it</source>
        <translation>post.md 在这里只能写成 HTML（%1），知乎「导入文档」可能不认这段 HTML</translation>
    </message>
    <message>
        <source>The section is empty</source>
        <translation>版块为空</translation>
    </message>
    <message>
        <source>An optional section that is empty; left out</source>
        <translation>可选版块为空，已省略</translation>
    </message>
    <message>
        <source>Making the archive a git repository…</source>
        <extracomment>What a sync is doing (``collab.sync.STEPS``): %1 the remote&apos;s address or the branch.</extracomment>
        <translation>正在把往期文件夹设为 git 仓库…</translation>
    </message>
    <message>
        <source>Committing local changes…</source>
        <translation>正在提交本地改动…</translation>
    </message>
    <message>
        <source>Fetching from %1…</source>
        <translation>正在从 %1 获取…</translation>
    </message>
    <message>
        <source>Merging %1…</source>
        <translation>正在合并 %1…</translation>
    </message>
    <message>
        <source>Pushing to %1…</source>
        <translation>正在推送到 %1…</translation>
    </message>
    <message>
        <source>Someone pushed first: merging their changes…</source>
        <translation>有人先推送了：正在合并他们的改动…</translation>
    </message>
    <message>
        <source>not a web address: %1</source>
        <extracomment>Why a link&apos;s title could not be fetched (``links.titles.FetchError.code``): %1 the address, the HTTP status, the content type, the seconds, the library&apos;s words or the encoding (see ``links.titles.CODES``); %2 the HTTP reason.</extracomment>
        <translation>不是网址：%1</translation>
    </message>
    <message>
        <source>the server answered HTTP %1 %2</source>
        <translation>服务器返回 HTTP %1 %2</translation>
    </message>
    <message>
        <source>not a web page (%1)</source>
        <translation>不是网页（%1）</translation>
    </message>
    <message>
        <source>too slow (over %1 s)</source>
        <translation>太慢（超过 %1 秒）</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>重定向次数太多</translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <source>the page has no title</source>
        <translation>网页没有标题</translation>
    </message>
    <message>
        <source>unsupported content encoding %1</source>
        <translation>不支持的内容编码 %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 and more</source>
        <translation>%1等</translation>
    </message>
    <message>
        <source>Note: the saved file was deleted or moved since. %1</source>
        <translation>注意：已保存的文件在此之后被删除或移走。%1</translation>
    </message>
    <message>
        <source>Note: the saved file changed since this draft; restoring overwrites those changes. %1</source>
        <translation>注意：已保存的文件在这份草稿之后被改过，恢复将覆盖那些改动。%1</translation>
    </message>
    <message>
        <source>Cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>A draft never saved, %1 characters</source>
        <translation>从未保存的草稿，%1 字</translation>
    </message>
    <message>
        <source>The saved file cannot be read; the draft is complete</source>
        <translation>已保存的文件无法读取；草稿完整</translation>
    </message>
    <message>
        <source>Same as the saved file</source>
        <translation>与已保存的文件相同</translation>
    </message>
    <message>
        <source>%1 sections changed (%2)</source>
        <translation>%1 个版块有改动（%2）</translation>
    </message>
    <message>
        <source>%1 sections removed</source>
        <translation>删除了 %1 个版块</translation>
    </message>
    <message>
        <source>The issue&apos;s details changed</source>
        <translation>本期信息有改动</translation>
    </message>
    <message>
        <source>characters %1</source>
        <translation>字数 %1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>%1 and others, %2 issues</source>
        <translation>%1 等 %2 期</translation>
    </message>
    <message>
        <source>Already in %1</source>
        <translation>已在 %1 出现过</translation>
    </message>
    <message>
        <source>Already in this issue at %1</source>
        <translation>本期已在 %1 出现过</translation>
    </message>
    <message>
        <source>formula &lt;img eeimg&gt;: %1</source>
        <translation>公式 &lt;img eeimg&gt;：%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>; suggested: %1</source>
        <translation>；建议用：%1</translation>
    </message>
    <message>
        <source>; in the series&apos; pattern: %1</source>
        <translation>；按本系列格式应为：%1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>committed %1</source>
        <translation>已提交 %1</translation>
    </message>
    <message>
        <source>merged %1</source>
        <translation>已合并 %1</translation>
    </message>
    <message>
        <source>pushed</source>
        <translation>已推送</translation>
    </message>
    <message>
        <source>nothing to push</source>
        <translation>没有需要推送的内容</translation>
    </message>
</context>
</TS>
