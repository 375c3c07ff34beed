// Common lowercase English words, roughly most frequent first: each becomes one `▁word` token of the tiny model.

// Kept as text rather than an array literal so the list stays compact; the order is part of the model format.
const WORD_TEXT = `
the of and to a in is it you that he was for on are with as his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do
their time if will way about many then them write would like so these her long make thing see him two
has look more day could go come did number sound no most people my over know water than call first who
may down side been now find any new work part take get place made live where after back little only
round man year came show every good me give our under name very through just form sentence great think
say help low line differ turn cause much mean before move right boy old too same tell does set three
want air well also play small end put home read hand port large spell add even land here must big high
such follow act why ask men change went light kind off need house picture try us again animal point
mother world near build self earth father head stand own page should country found answer school grow
study still learn plant cover food sun four between state keep eye never last let thought city tree
cross farm hard start might story saw far sea draw left late run while press close night real life few
north open seem together next white children begin got walk example ease paper group always music those
both mark often letter until mile river car feet care second book carry took science eat room friend
began idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl
usual young ready above ever red list though feel talk bird soon body dog family direct pose leave song
measure door product black short numeral class wind question happen complete ship area half rock order
fire south problem piece told knew pass since top whole king space heard best hour better true during
hundred five remember step early hold west ground interest reach fast verb sing listen six table travel
less morning ten simple several vowel toward war lay against pattern slow center love person money serve
appear road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry
dark machine note wait plan figure star box noun field rest correct able pound done beauty drive stood
contain front teach week final gave green quick develop ocean warm free minute strong special mind
behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object
decide surface deep moon island foot system busy test record boat common gold possible plane stead dry
wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring yes distant fill
east paint language among grand ball yet wave drop heart present heavy dance engine position arm wide
sail material size vary settle speak weight general ice matter circle pair include divide syllable felt
perhaps pick sudden count square reason length represent art subject region energy hunt probable bed
brother egg ride cell believe fraction forest sit race window store summer train sleep prove lone leg
exercise wall catch mount wish sky board joy winter sat written wild instrument kept glass grass cow job
edge sign visit past soft fun bright gas weather month million bear finish happy hope flower clothe
strange gone jump baby eight village meet root buy raise solve metal whether push seven paragraph third
shall held hair describe cook floor either result burn hill safe cat century consider type law bit coast
copy phrase silent tall sand soil roll temperature finger industry value fight lie beat excite natural
view sense ear else quite broke case middle son lake moment scale loud spring observe child straight
consonant nation dictionary milk speed method organ pay age section dress cloud surprise quiet stone
tiny climb cool design poor lot experiment bottom key iron single stick flat twenty skin smile crease
hole trade melody trip office receive row mouth exact symbol die least trouble shout except wrote seed
tone join suggest clean break lady yard rise bad blow oil blood touch grew cent mix team wire cost lost
brown wear garden equal sent choose fell fit flow fair bank collect save control decimal gentle woman
captain practice separate difficult doctor please protect noon whose locate ring character insect caught
period indicate radio spoke atom human history effect electric expect crop modern element hit student
corner party supply bone rail imagine provide agree thus capital chair danger fruit rich thick soldier
process operate guess necessary sharp wing create neighbor wash bat rather crowd corn compare poem
string bell depend meat rub tube famous dollar stream fear sight thin triangle planet hurry chief colony
clock mine tie enter major fresh search send yellow allow print dead spot desert suit current lift rose
continue block chart hat sell success company subtract event particular deal swim term opposite wife
shoe shoulder spread arrange camp invent cotton born determine quart nine truck noise level chance
gather shop stretch throw shine property column molecule select wrong gray repeat require broad prepare
salt nose plural anger claim continent oxygen sugar death pretty skill women season solution magnet
silver thank branch match suffix especially fig afraid huge sister steel discuss forward similar guide
experience score apple bought led pitch coat mass card band rope slip win dream evening condition feed
tool total basic smell valley nor double seat arrive master track parent shore division sheet substance
favor connect post spend chord fat glad original share station dad bread charge proper bar offer segment
duck instant market degree populate chick dear enemy reply drink occur support speech nature range steam
motion path liquid log meant quotient teeth shell neck across action activity actually address
administration admit adult affect agency agent agreement ahead almost alone along already although
american analysis another anyone anything approach argue around article artist assume attack attention
attorney audience author authority available avoid away bag beautiful because become behavior beyond
billion budget building business camera campaign cancer candidate career central certainly challenge
choice church citizen civil clearly coach collection college commercial community computer concern
conference congress consumer couple court crime cultural culture cup customer data daughter debate
decade defense detail development difference dinner direction director discover discussion disease drug
economic economy education effort election employee environment establish everybody everyone everything
evidence exactly executive exist expert explain factor fail federal feeling film financial finally firm
focus foreign forget former fund future generation goal government guy hang health herself himself
hospital hot hotel however husband identify image impact important improve including increase indeed
individual information inside instead institution international interview investment involve issue item
itself kid kitchen knowledge lawyer leader likely local lose loss majority manage management manager
marriage maybe media medical meeting member memory mention message military mission model movement movie
myself national network news newspaper nice none officer official onto operation opportunity option
organization others outside owner painting partner patient peace perform performance personal phone
physical player police policy political politics popular population positive president pressure prevent
price private probably professional professor program project public purpose quality quickly rate
realize really recent recently recognize reduce reflect relate relationship religious remain remove
report research resource respond response responsibility return reveal risk role scene scientist
security seek senior series serious service shake shoot shot significant simply singer site situation
social society somebody someone something sometimes sort source southern specific sport staff stage
standard statement stock strategy structure stuff style successful suffer task tax teacher technology
television tend themselves theory therefore threat throughout tonight tough traditional training treat
treatment trial truth understand upon usually various victim vote western whatever within without worker
worry writer yeah yourself account angry anybody apartment apply argument attempt background basket
battle beach bean beer belt bench bike bill birthday bitter blade blanket blind bold border borrow boss
bottle bowl brain brave breakfast breath brick bridge brief broken brush bucket bug bunch burden butter
button cabin cable cake calm candle candy cap careful carpet cash castle chain cheap cheese chest
chicken chocolate clay clever cliff clothes club coffee coin collar comfort cookie copper cottage couch
cousin crack crash cream credit crew crown cruel cure curtain cushion cycle daily damage dare dawn desk
dirty dish dozen drawer dust duty eager eagle easy elbow empty escape evil exam extra fabric false fancy
fault feather fence festival fever flag flame flash flight flood flour fold fork fox frame frog frozen
fuel funny fur gap gate ghost gift glove glue goat grain grape grief guard guest guitar habit hammer
handle harbor harvest hawk heaven helmet hero hidden highway holiday honest honey hook horn hunger ink
jacket jaw jelly jewel journey judge juice jungle kettle kingdom knee knife knot label ladder lamp leaf
lemon lesson library lid lion lip loan lock lunch magic mail maple marble meal mercy mirror monkey mud
muscle nail narrow needle nest net noble nurse nut onion orange oven owl pack palace pan parade pasta
peach pear pen pencil pepper pet pig pile pillow pilot pin pipe pizza plate pocket poet pole pond pool
potato powder prince prison prize pump puzzle queen rabbit rare rat razor reward ribbon rice ridge ripe
robot rocket roof rough royal rubber rug sad saddle salad sauce scarf scissors screen screw sheep shelf
shield shirt shock shower silk sink skirt skull slice slope smoke snake soap sock sofa soup spice spider
spoon stable stair stamp steep stem stomach storm stove straw sweet swing sword tank tape tent thread
throat thumb ticket tiger timber toe tomato tongue tooth torch towel tower toy tray treasure tribe
trophy trunk tunnel turkey twin umbrella uncle van vase vest wagon waist wallet warrior wax weed whale
wheat whip whistle wolf wool worm yarn zebra zone
`;

/** The vocabulary words in their fixed order (distinct, lowercase a-z). */
export const WORDS: readonly string[] = Object.freeze(WORD_TEXT.trim().split(/\s+/));
