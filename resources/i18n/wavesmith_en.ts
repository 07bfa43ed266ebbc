<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ClassAdvice</name>
    <message numerus="yes">
        <source>%n class(es) have fewer than {least} clips ({names}): add examples, or merge or exclude them; a model learns little from so few</source>
        <translation>
            <numerusform>%n class has fewer than {least} clips ({names}): add examples, or merge or exclude it; a model learns little from so few</numerusform>
            <numerusform>%n classes have fewer than {least} clips ({names}): add examples, or merge or exclude them; a model learns little from so few</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) have no training clip ({names})</source>
        <translation>
            <numerusform>%n class has no training clip ({names})</numerusform>
            <numerusform>%n classes have no training clip ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) have no validation recording ({names}): their accuracy cannot be measured; a class needs 4 source recordings for one</source>
        <translation>
            <numerusform>%n class has no validation recording ({names}): its accuracy cannot be measured; a class needs 4 source recordings for one</numerusform>
            <numerusform>%n classes have no validation recording ({names}): their accuracy cannot be measured; a class needs 4 source recordings for one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) have no class: the classify task leaves them out</source>
        <translation>
            <numerusform>%n clip has no class: the classify task leaves it out</numerusform>
            <numerusform>%n clips have no class: the classify task leaves them out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n clip</numerusform>
            <numerusform>%n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n excluded</source>
        <translation>
            <numerusform>%n excluded</numerusform>
            <numerusform>%n excluded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassStatsView</name>
    <message numerus="yes">
        <source> (%n excluded)</source>
        <translation>
            <numerusform> (%n excluded)</numerusform>
            <numerusform> (%n excluded)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassifyView</name>
    <message numerus="yes">
        <source>%n file(s) classified</source>
        <translation>
            <numerusform>%n file classified</numerusform>
            <numerusform>%n files classified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Classifying %n file(s)…</source>
        <translation>
            <numerusform>Classifying %n file…</numerusform>
            <numerusform>Classifying %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n row(s) to {path}</source>
        <translation>
            <numerusform>Wrote %n row to {path}</numerusform>
            <numerusform>Wrote %n rows to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetAdvice</name>
    <message numerus="yes">
        <source>%n clip(s) are shorter than {seconds:g} s and add little</source>
        <translation>
            <numerusform>%n clip is shorter than {seconds:g} s and adds little</numerusform>
            <numerusform>%n clips are shorter than {seconds:g} s and add little</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) clip: re-record quieter or exclude the clipped parts</source>
        <translation>
            <numerusform>%n file clips: re-record it quieter or exclude the clipped parts</numerusform>
            <numerusform>%n files clip: re-record them quieter or exclude the clipped parts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input file(s)</source>
        <translation>
            <numerusform>%n input file</numerusform>
            <numerusform>%n input files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source file(s) are missing or changed since import</source>
        <translation>
            <numerusform>%n source file is missing or changed since import</numerusform>
            <numerusform>%n source files are missing or changed since import</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n speech file(s) were recorded below the training rate: the model learns an empty top band from them; train at their rate or record at a higher one</source>
        <translation>
            <numerusform>%n speech file was recorded below the training rate: the model learns an empty top band from it; train at its rate or record at a higher one</numerusform>
            <numerusform>%n speech files were recorded below the training rate: the model learns an empty top band from them; train at their rate or record at a higher one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target file(s)</source>
        <translation>
            <numerusform>%n target file</numerusform>
            <numerusform>%n target files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>only %n segment(s) per epoch: use shorter segments, more augmentation or more data</source>
        <translation>
            <numerusform>only %n segment per epoch: use shorter segments, more augmentation or more data</numerusform>
            <numerusform>only %n segments per epoch: use shorter segments, more augmentation or more data</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paired audio (%n pair(s))</source>
        <translation>
            <numerusform>paired audio (%n pair)</numerusform>
            <numerusform>paired audio (%n pairs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetHealth</name>
    <message numerus="yes">
        <source>%n channel(s); most files have {major}</source>
        <translation>
            <numerusform>%n channel; most files have {major}</numerusform>
            <numerusform>%n channels; most files have {major}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetStats</name>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n channel</numerusform>
            <numerusform>%n channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n clip</numerusform>
            <numerusform>%n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n epoch</numerusform>
            <numerusform>%n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>health: %n file(s) with problems</source>
        <translation>
            <numerusform>health: %n file with problems</numerusform>
            <numerusform>health: %n files with problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetStatsPanel</name>
    <message numerus="yes">
        <source>%n clip(s) measured in {seconds:.1f} s</source>
        <translation>
            <numerusform>%n clip measured in {seconds:.1f} s</numerusform>
            <numerusform>%n clips measured in {seconds:.1f} s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetTab</name>
    <message numerus="yes">
        <source>%n clip(s) in the project. Drop files or folders to add.</source>
        <translation>
            <numerusform>%n clip in the project. Drop files or folders to add.</numerusform>
            <numerusform>%n clips in the project. Drop files or folders to add.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message numerus="yes">
        <source>; %n clip(s) gave no piece</source>
        <translation>
            <numerusform>; %n clip gave no piece</numerusform>
            <numerusform>; %n clips gave no piece</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed ({name}: {reason})</source>
        <translation>
            <numerusform>; %n failed ({name}: {reason})</numerusform>
            <numerusform>; %n failed ({name}: {reason})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s)</source>
        <translation>
            <numerusform>Exported %n file</numerusform>
            <numerusform>Exported %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileBrowser</name>
    <message numerus="yes">
        <source>%n edit(s) applied</source>
        <translation>
            <numerusform>%n edit applied</numerusform>
            <numerusform>%n edits applied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message numerus="yes">
        <source>Class of %n clip(s): a new name or one of the project&apos;s</source>
        <translation>
            <numerusform>Class of %n clip: a new name or one of the project&apos;s</numerusform>
            <numerusform>Class of %n clips: a new name or one of the project&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n clip(s) from project (keeps the files)</source>
        <translation>
            <numerusform>Remove clip from project (keeps the files)</numerusform>
            <numerusform>Remove %n clips from project (keeps the files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HardwareAdvice</name>
    <message numerus="yes">
        <source>%n core(s), one kept for the training loop</source>
        <translation>
            <numerusform>%n core, kept for the training loop</numerusform>
            <numerusform>%n cores, one kept for the training loop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n epoch(s) fit in {budget}</source>
        <translation>
            <numerusform>; %n epoch fits in {budget}</numerusform>
            <numerusform>; %n epochs fit in {budget}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n epoch(s) take about {total}</source>
        <translation>
            <numerusform>; %n epoch takes about {total}</numerusform>
            <numerusform>; %n epochs take about {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message numerus="yes">
        <source> (and %n more, listed under Rejected)</source>
        <translation>
            <numerusform> (and %n more, listed under Rejected)</numerusform>
            <numerusform> (and %n more, listed under Rejected)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n damaged (kept what decoded)</source>
        <translation>
            <numerusform>, %n damaged (kept what decoded)</numerusform>
            <numerusform>, %n damaged (kept what decoded)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, relinked %n moved</source>
        <translation>
            <numerusform>, relinked %n moved</numerusform>
            <numerusform>, relinked %n moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s) as class folders…</source>
        <translation>
            <numerusform>Importing %n path as class folders…</numerusform>
            <numerusform>Importing %n paths as class folders…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s)…</source>
        <translation>
            <numerusform>Importing %n path…</numerusform>
            <numerusform>Importing %n paths…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>added %n</source>
        <translation>
            <numerusform>added %n</numerusform>
            <numerusform>added %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rejected %n</source>
        <translation>
            <numerusform>rejected %n</numerusform>
            <numerusform>rejected %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n</source>
        <translation>
            <numerusform>skipped %n</numerusform>
            <numerusform>skipped %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaFailures</name>
    <message numerus="yes">
        <source>%n video stream(s)</source>
        <translation>
            <numerusform>%n video stream</numerusform>
            <numerusform>%n video streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n damaged packet(s) skipped</source>
        <translation>
            <numerusform>; %n damaged packet skipped</numerusform>
            <numerusform>; %n damaged packets skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message numerus="yes">
        <source>%n file(s) or folder(s)</source>
        <translation>
            <numerusform>%n file or folder</numerusform>
            <numerusform>%n files or folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n or more files or folders</source>
        <translation>
            <numerusform>%n or more files or folders</numerusform>
            <numerusform>%n or more files or folders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PairFoldersDialog</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ambiguous name(s), not paired (rename so each name is unique per folder): </source>
        <translation>
            <numerusform>%n ambiguous name, not paired (rename so each name is unique per folder): </numerusform>
            <numerusform>%n ambiguous names, not paired (rename so each name is unique per folder): </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not usable: </source>
        <translation>
            <numerusform>%n file not usable: </numerusform>
            <numerusform>%n files not usable: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input(s) without a target: </source>
        <translation>
            <numerusform>%n input without a target: </numerusform>
            <numerusform>%n inputs without a target: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) not aligned: </source>
        <translation>
            <numerusform>%n pair not aligned: </numerusform>
            <numerusform>%n pairs not aligned: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) without an input: </source>
        <translation>
            <numerusform>%n target without an input: </numerusform>
            <numerusform>%n targets without an input: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>; and %n more</numerusform>
            <numerusform>; and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pairing cancelled: %n pair(s) recorded.</source>
        <translation>
            <numerusform>Pairing cancelled: %n pair recorded.</numerusform>
            <numerusform>Pairing cancelled: %n pairs recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pairing done: %n pair(s) recorded.</source>
        <translation>
            <numerusform>Pairing done: %n pair recorded.</numerusform>
            <numerusform>Pairing done: %n pairs recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more warning(s) (see the log)</source>
        <translation>
            <numerusform>and %n more warning (see the log)</numerusform>
            <numerusform>and %n more warnings (see the log)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoleQuestion</name>
    <message numerus="yes">
        <source>%n file(s) ({names}) are in folders whose names do not say what they are for ({folders}).

Import them as:</source>
        <translation>
            <numerusform>%n file ({names}) is in a folder whose name does not say what it is for ({folders}).

Import it as:</numerusform>
            <numerusform>%n files ({names}) are in folders whose names do not say what they are for ({folders}).

Import them as:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message numerus="yes">
        <source>{heading} after %n epoch(s)</source>
        <translation>
            <numerusform>{heading} after %n epoch</numerusform>
            <numerusform>{heading} after %n epochs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SilenceTools</name>
    <message numerus="yes">
        <source>Delete silence would remove %n region(s), {seconds:.2f} s.</source>
        <translation>
            <numerusform>Delete silence would remove %n region, {seconds:.2f} s.</numerusform>
            <numerusform>Delete silence would remove %n regions, {seconds:.2f} s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainMessages</name>
    <message numerus="yes">
        <source>%n class(es) have no training windows (the model can still say them, it will not learn to): {names}</source>
        <translation>
            <numerusform>%n class has no training windows (the model can still say it, it will not learn to): {names}</numerusform>
            <numerusform>%n classes have no training windows (the model can still say them, it will not learn to): {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n clip</numerusform>
            <numerusform>%n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>loss became {loss} %n time(s) (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</source>
        <translation>
            <numerusform>loss became {loss} %n time (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</numerusform>
            <numerusform>loss became {loss} %n times (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>trained %n epoch(s)</source>
        <translation>
            <numerusform>trained %n epoch</numerusform>
            <numerusform>trained %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{split}: %n class(es) are new since this run started and are left out: {names}</source>
        <translation>
            <numerusform>{split}: %n class is new since this run started and is left out: {names}</numerusform>
            <numerusform>{split}: %n classes are new since this run started and are left out: {names}</numerusform>
        </translation>
    </message>
</context>
</TS>
