"""Traditional characters read as their Simplified forms, one character for one, before the
Chinese rules run.

Hong Kong and Taiwan texts write 據、說、報導、稱、透露、消息人士 where the rules were written with
据、说、报导、称 (and often spelt both ways by hand, which missed the forms nobody thought of:
據瞭解 is 据了解). Instead, `fold` maps each Traditional character to its Simplified one in the
text the Chinese rules read, and the same mapping is applied to the rules themselves (regexes,
phrases, `unless` ...) when they are compiled, so a rule written in either script, a teacher's
too, matches a text written in either. It is like the case-folding of English rules.

Every entry maps one code point to one code point, so offsets are unchanged and suggestions
point into the original text, which is what the output keeps. A Traditional character that
stands for two Simplified ones keeps its commonest reading (著 → 着, 乾 → 干); because the rules
are folded too, the only cost is that a rule can no longer tell the two apart, as an English
rule cannot tell "May" from "may". No value is also a key, so folding twice changes nothing.

The table covers the characters of news reporting and attribution (speech and hearsay, people
and offices, institutions, media, courts, numbers, common function words), the Traditional
forms the built-in rules spell out, and the variant forms common in Hong Kong (説, 內, 吳, 産, 綫 ...).
"""

from __future__ import annotations

import re

#: Pairs of Traditional and Simplified characters, by the part that is simplified, then the rest.
PAIRS = """
說说 説说 話话 語语 請请 讀读 論论 認认 識识 訴诉 評评 謂谓 議议 計计 訂订 討讨 訓训 記记
許许 設设 訪访 證证 詞词 試试 詳详 誠诚 誤误 誘诱 誰谁 調调 談谈 諸诸 謝谢 講讲 謠谣 謊谎
譯译 護护 讓让 讚赞 變变 譴谴 詢询 詐诈 詩诗 該该 誇夸 誌志 課课 諾诺 謀谋 諷讽 諮咨 謹谨
譜谱 訊讯 託托 詮诠 諱讳 謬谬 誨诲 訟讼 詛诅 訛讹 訝讶 詫诧 諒谅 誼谊 諺谚 謎谜 譏讥 諜谍
謙谦 譽誉 詭诡 誕诞 誣诬 諫谏 謁谒 訣诀 訕讪 診诊 註注 詠咏 諧谐 諭谕 詣诣 讀读 讒谗 謄誊
訂订 訃讣 誦诵 諳谙 諜谍 謔谑 讕谰 譁哗 變变 讞谳
門门 們们 問问 間间 開开 關关 閉闭 閱阅 閲阅 聞闻 闡阐 閃闪 闖闯 閣阁 閒闲 閑闲 闊阔 闆板
閥阀 闕阙 闢辟 閩闽 閘闸 悶闷 潤润 澗涧 閨闺 閻阎 閏闰 闈闱 鬧闹 鬥斗 鬨哄
貝贝 負负 責责 財财 貨货 販贩 貪贪 貧贫 購购 貿贸 費费 資资 賣卖 買买 賈贾 賊贼 賄贿 賠赔
賭赌 賬账 賴赖 賦赋 質质 贊赞 贈赠 贏赢 贖赎 賀贺 貴贵 貸贷 貼贴 賞赏 賢贤 賤贱 賜赐 賓宾
實实 員员 損损 敗败 則则 側侧 測测 廁厕 貫贯 慣惯 債债 績绩 賽赛 貞贞 贅赘 贓赃 貶贬 賺赚
車车 軍军 輛辆 輪轮 轉转 較较 載载 輕轻 輸输 輩辈 轟轰 連连 運运 陣阵 庫库 軟软 輯辑 轄辖
軌轨 範范 斬斩 暫暂 漸渐 慚惭 揮挥 輝辉 渾浑 轎轿 輿舆 轍辙 輔辅 軸轴 軒轩 蓮莲 褲裤 轅辕
錢钱 銀银 鐵铁 鋼钢 錯错 鍵键 鎮镇 鏡镜 鐘钟 鍾钟 銷销 鋪铺 鑰钥 針针 釣钓 鈔钞 鉛铅 鈴铃
銅铜 鋁铝 鋒锋 鍋锅 錄录 錦锦 鎖锁 鏈链 鑄铸 鑑鉴 鑒鉴 釘钉 銳锐 鋭锐 鍛锻 錫锡 鋸锯 鑽钻
鈕钮 鍍镀 釋释 鉅巨 鐘钟
經经 給给 紅红 約约 級级 紀纪 組组 織织 結结 統统 絕绝 終终 線线 綫线 練练 細细 續续 總总
纏缠 緊紧 維维 網网 綱纲 編编 緒绪 縣县 縱纵 縮缩 繳缴 繩绳 繪绘 繼继 纖纤 納纳 紙纸 純纯
紛纷 紗纱 紮扎 絡络 綁绑 綜综 綠绿 緩缓 締缔 繞绕 繡绣 纜缆 紋纹 紡纺 紐纽 絲丝 綿绵 縫缝
繃绷 紹绍 緝缉 緣缘 緯纬 縛缚 繹绎 縷缕 紳绅 糾纠 繫系 係系 緬缅 綴缀 纓缨 綽绰
飯饭 飲饮 飽饱 餓饿 館馆 餅饼 養养 餘余 饒饶 飼饲 飾饰 餵喂 饑饥 飢饥 饞馋 餃饺 餡馅 饅馒
饋馈 蝕蚀 饌馔
馬马 驗验 騙骗 驚惊 駕驾 駐驻 騎骑 驅驱 驟骤 騷骚 驢驴 駛驶 騰腾 媽妈 嗎吗 碼码 罵骂 駁驳
驕骄 駭骇 篤笃 駝驼 驛驿
魚鱼 鮮鲜 鯨鲸 漁渔 鯉鲤 鱗鳞 鳥鸟 鳴鸣 鴨鸭 鷹鹰 鵝鹅 雞鸡 鷄鸡 鶴鹤 島岛 鷗鸥
頁页 頂顶 項项 順顺 須须 預预 頑顽 頓顿 領领 頭头 題题 額额 顏颜 願愿 類类 顧顾 顯显 頻频
頒颁 頗颇 頸颈 顛颠 顆颗 顫颤 煩烦 頃顷 碩硕 傾倾 穎颖 顱颅 頌颂 頹颓
見见 規规 視视 親亲 覺觉 覽览 觀观 現现 寬宽 覓觅 攪搅 
風风 颱台 颳刮 飄飘 颶飓 飆飙 
韓韩 違违 圍围 偉伟 衛卫 衞卫 韌韧 韋韦
淺浅 殘残 踐践 棧栈 盞盏
國国 過过 這这 還还 個个 來来 時时 為为 爲为 會会 對对 發发 髮发 後后 從从 當当 與与 動动
學学 應应 無无 麼么 麽么 點点 樣样 樂乐 東东 長长 書书 萬万 將将 條条 場场 產产 産产 眾众
衆众 種种 聽听 麗丽 兒儿 幾几 機机 業业 專专 務务 聯联 廣广 廠厂 廳厅 慶庆 歲岁 歷历 曆历
氣气 處处 備备 傳传 傷伤 價价 儀仪 億亿 優优 僅仅 傘伞 倆俩 偽伪 僞伪 僑侨 儘尽 盡尽 劃划
劇剧 劍剑 勞劳 勢势 勝胜 區区 協协 卻却 參参 雙双 號号 嚇吓 嘆叹 歎叹 嚴严 團团 圖图 園园
圓圆 壓压 壞坏 壇坛 墳坟 壯壮 聲声 夠够 夢梦 夾夹 奪夺 奮奋 婦妇 孫孙 寧宁 寫写 寶宝 尋寻
導导 屆届 層层 屬属 岡冈 嶺岭 帥帅 師师 帳帐 帶带 幫帮 幹干 乾干 廢废 異异 張张 彈弹 強强
歸归 彙汇 匯汇 徑径 逕径 復复 複复 徵征 憂忧 懷怀 態态 戀恋 惡恶 慮虑 憶忆 懲惩 戰战 戲戏
擇择 擊击 擔担 據据 擁拥 擋挡 擠挤 擴扩 擺摆 攔拦 攝摄 撲扑 撥拨 擾扰 攜携 搶抢 摟搂 掃扫
揚扬 換换 敵敌 數数 斷断 於于 晉晋 極极 構构 樓楼 標标 樹树 橋桥 檔档 檢检 權权 歡欢 殺杀
殼壳 漢汉 湯汤 溝沟 滅灭 滿满 漲涨 潔洁 澤泽 濟济 濃浓 濕湿 灣湾 灑洒 滬沪 滾滚 漿浆 瀏浏
濱滨 災灾 烏乌 煙烟 熱热 燈灯 營营 燒烧 爭争 爺爷 牆墙 獎奖 獨独 獲获 穫获 狀状 猶犹 獄狱
獻献 環环 璽玺 畫画 療疗 盜盗 盤盘 監监 睜睁 礎础 確确 礙碍 禮礼 禍祸 離离 稱称 穩稳 窮穷
竊窃 競竞 筆笔 築筑 簡简 簽签 籤签 籃篮 糧粮 罰罚 羅罗 義义 習习 聖圣 聰聪 職职 肅肃 脅胁
腦脑 膚肤 臉脸 臨临 興兴 舉举 艦舰 藝艺 節节 莊庄 華华 葉叶 著着 蓋盖 蘭兰 蟲虫 術术 衝冲
沖冲 補补 裝装 製制 襲袭 豐丰 豬猪 貓猫 躍跃 農农 邊边 遠远 適适 遲迟 選选 遺遗 邁迈 郵邮
鄉乡 鄰邻 醫医 醜丑 裡里 裏里 陽阳 陰阴 隊队 階阶 際际 隨随 險险 隱隐 雖虽 雜杂 難难 電电
靈灵 靜静 響响 飛飞 體体 髒脏 麥麦 黃黄 黨党 齊齐 齒齿 龍龙 龜龟 壽寿 憑凭 擬拟 歐欧 殲歼
瀕濒 禱祷 薦荐 虧亏 蝦虾 螢萤 鄭郑 鄧邓 劉刘 陳陈 楊杨 趙赵 吳吴 馮冯 蔣蒋 蘇苏 甦苏 盧卢
譚谭 陸陆 鄒邹 龔龚 龐庞 鄺邝 聶聂 準准 週周 臺台 檯台 隻只 傢家 夥伙 麵面 麪面 鬆松 捨舍
穀谷 瞭了 祕秘 纔才 佔占 牠它 啟启 啓启 敘叙 敍叙 冊册 況况 凍冻 淨净 凈净 涼凉 減减 湊凑
決决 鬍胡 慾欲 醞酝 釀酿 灘滩 瀝沥 燦灿 爐炉 牽牵 犧牺 獅狮 瑣琐 畢毕 畝亩 瘋疯 癮瘾 皺皱
矯矫 磚砖 祿禄 禪禅 稅税 窩窝 竅窍 筍笋 簾帘 籌筹 糞粪 罷罢 羨羡 聳耸 脈脉 腎肾 腫肿 膽胆
艱艰 蒼苍 薩萨 藥药 蘋苹 蘆芦 虛虚 虜虏 蠻蛮 襪袜 豈岂 趕赶 趨趋 跡迹 蹟迹 蹤踪 軀躯 辦办
辭辞 邏逻 隸隶 霧雾 韻韵 骯肮 鬱郁 魯鲁 鹽盐 黴霉 齡龄 僱雇 佈布 傭佣 囑嘱 嘗尝 嚐尝 噴喷
嘯啸 嚮向 囂嚣 壺壶 奧奥 奬奖 姦奸 宮宫 寢寝 尷尴 屍尸 巖岩 廚厨 廟庙 彎弯 徹彻 恆恒 惱恼
愛爱 慘惨 憐怜 懇恳 懶懒 懸悬 拋抛 挾挟 捲卷 掛挂 採采 揀拣 搖摇 撐撑 攤摊 斂敛 暈晕 暢畅
曉晓 棄弃 棟栋 楓枫 榮荣 槍枪 樞枢 毀毁 汙污 沒没 溫温 滯滞 潛潜 濁浊 濾滤 瀉泻 爛烂
獸兽 瓊琼 疊叠 瘡疮 癒愈 睏困 礦矿 穢秽 膠胶 艷艳 豔艳 蘊蕴 蠶蚕 迴回 遞递 遜逊 醃腌 陝陕
隕陨 髏髅 鬢鬓 內内 脫脱 兌兑 悅悦 說说 峽峡 彥彦 卽即 旣既 眞真 敎教 戶户 峯峰 綉绣 裏里
稟禀 衊蔑 滷卤 鹵卤 糰团 麼么 吶呐 嘍喽 噓嘘 嚨咙 嘩哗 嚕噜 囉啰 嗚呜 喚唤 嘰叽 嘔呕 喲哟
鏢镖 們们 儈侩 儲储 兇凶 剛刚 創创 劑剂 勁劲 動动 勵励 勸劝 勳勋 匱匮 厲厉 厭厌 縣县 參参
叢丛 吳吴 員员 喪丧 單单 嚴严 塊块 塗涂 塵尘 墊垫 墜坠 墮堕 壘垒 壩坝 奐奂 孿孪 學学
實实 寵宠 審审 對对 尋寻 屜屉 嶄崭 巔巅 幣币 幟帜 幣币 庫库 廂厢 廈厦 廬庐 廳厅 弒弑 彌弥
從从 徠徕 憤愤 懼惧 懺忏 戔戋 擲掷 擷撷 攏拢 攬揽 斃毙 晝昼 曬晒 朧胧 桿杆 梟枭 棲栖
椏桠 楨桢 樁桩 樸朴 橫横 檻槛 櫃柜 櫻樱 欄栏 歟欤 殯殡 氈毡 氫氢 氾泛 淪沦 渦涡 溼湿 滄沧
滲渗 漬渍 潰溃 澀涩 濫滥 瀆渎 瀟潇 瀾澜 灤滦 灩滟 煉炼 煩烦 燙烫 燭烛 燼烬 犢犊 狹狭 猙狰
獵猎 玀猡 瑪玛 璣玑 甌瓯 畫画 異异 當当 疇畴 療疗 癡痴 癢痒 皚皑 盃杯 盧卢 矚瞩 碼码 磯矶
礪砺 祇只 禦御 稈秆 穌稣 窪洼 窺窥 竄窜 筧笕 箏筝 篩筛 簍篓 籠笼 糝糁 紂纣 紡纺 絞绞 綵彩
縐绉 繚缭 罌罂 罵骂 羥羟 翹翘 聯联 聾聋 肅肃 脹胀 膩腻 臘腊 臟脏 艙舱 芻刍 莖茎 萊莱 葦苇
蔔卜 蕩荡 蕭萧 薈荟 藍蓝 藹蔼 蘿萝 虯虬 蛻蜕 蝸蜗 螻蝼 蟬蝉 蠍蝎 蠟蜡 衹只 袞衮 褸褛 襯衬
覈核 觸触 訌讧 詆诋 詡诩 誑诳 諂谄 諦谛 諼谖 謅诌 謾谩 譎谲 讖谶 豎竖 豔艳 貯贮 賑赈 賒赊
賬账 賸剩 贍赡 跼局 踴踊 躋跻 軋轧 軔轫 輟辍 轆辘 迺乃 週周 運运 遙遥 遼辽 邇迩 醬酱 釁衅
鈍钝 鉗钳 銜衔 鋌铤 錘锤 鍊炼 鎔熔 鏽锈 鐺铛 閂闩 閡阂 闌阑 阨厄 陘陉 隴陇 雛雏 雋隽
霽霁 靄霭 靦腼 鞏巩 韁缰 頷颔 顎颚 颯飒 餞饯 餿馊 饜餍 馭驭 駑驽 駙驸 騁骋 驁骜 驊骅 髮发
報报 並并 兩两 別别 呂吕 堅坚 屢屡 暱昵 籲吁 進进 達达 鑿凿 倖幸 剷铲
執执 雲云 嬰婴 遊游 亂乱 亞亚 凱凯 爾尔 辯辩 鴻鸿 暉晖 舊旧 喬乔 掙挣 憲宪 儂侬 僥侥 鑼锣 鏗铿 綺绮 鮑鲍
煒炜 爍烁 鎂镁 慄栗 昇升 倫伦 侖仑 綸纶 嶼屿 燁烨 蔥葱 襖袄 攣挛 欒栾 巒峦 瓏珑 壟垄 鬪斗 擄掳 撫抚 擱搁 擲掷
鬚须 鬱郁 魘魇 鯊鲨 鱷鳄 鳳凤 鴉鸦 鴿鸽 鵑鹃 鶯莺 鸞鸾 麩麸 黌黉 鼴鼹 齷龌 龕龛 
"""

#: Traditional code point -> Simplified character, for `str.translate`.
TABLE: dict[int, str] = {}
for _pair in PAIRS.split():
    _traditional, _simplified = _pair
    if _traditional != _simplified:
        TABLE[ord(_traditional)] = _simplified
del _pair, _traditional, _simplified

#: The same, by character, for the regex below.
_SIMPLIFIED: dict[str, str] = {chr(key): value for key, value in TABLE.items()}
#: Any character `fold` changes.
_FOLDED = re.compile("[" + "".join(sorted(_SIMPLIFIED)) + "]")


def _simplified(match: re.Match[str]) -> str:
    return _SIMPLIFIED[match.group()]


def fold(text: str) -> str:
    """`text` with every Traditional character of the table in its Simplified form; the same
    length, every other character (punctuation, quotation marks, Latin letters) unchanged.

    A regex substitution rather than `str.translate`: a Simplified text has few characters to
    fold or none (a text with none is returned as it is), and `translate` looks every character
    up (about 60 ns a character against 3 ns for the seed article; the same for a text written
    in Traditional characters)."""
    return _FOLDED.sub(_simplified, text)
