===============================================================================
=    V í t e j t e   v   t u t o r i a l u   V I M       -    Verze 1.5       =
===============================================================================

     Vim je velmi výkonný editor, který má pøíli¹ mnoho pøíkazù na to, aby
     mohly být v¹echny vysvìtlené ve výuce jako tato. Tato výuka obsahuje
     dostateèné mno¾ství pøíkazù na to, aby bylo mo¾né pou¾ívat Vim jako
     víceúèelový editor.

     Pøibli¾ný èas potøebný ke zvládnutí této výuky je 25-30 minut, zále¾í
     na tom, kolik èasu strávíte pøezku¹ováním.

     Pøíkazy v lekcích upravují text. Vytvoø kopii tohoto souboru pro
     procvièování (pøi startu "vimtutor" je ji¾ toto kopie).

     Je dùle¾ité pamatovat, ¾e tato výuka je vytvoøena pro výuku pou¾íváním.
     To znamená, ¾e je potøeba si pøíkazy vyzkou¹et pro jejich správné
     nauèení. Pokud si jen ète¹ text, pøíkazy zapomene¹!

     Nyní se pøesvìdète, ¾e Caps-Lock NENÍ stlaèený a nìkolikrát stisknìte
     klávesu   j   aby se kurzor posunul natolik, ¾e lekce 1.1 zaplní celou
     obrazovku.
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
			Lekce 1.1:  POHYB KURZORU


   ** Pro pohyb kurzoru pou¾ívej klávesy h,j,k,l jak je znázornìno ní¾e. **
	     ^
	     k		   Funkce: Klávesa h je vlevo a vykoná pohyb vlevo.
       < h	 l >		   Klávesa l je vpravo a vykoná pohyb vpravo.
	     j			   Klávesa j vypadá na ¹ipku dolu.
	     v
  1. Pohybuj kurzorem po obrazovce dokud si na to nezvykne¹.

  2. Dr¾ klávesu pro pohyb dolu (j), dokud se její funkce nezopakuje.
---> Teï ví¹ jak se pøesunout na následující lekci.

  3. Pou¾itím klávesy dolu pøejdi na lekci 1.2.

Poznámka: Pokud si nìkdy nejsi jist nìèím, co jsi napsal, stlaè <ESC> pro
          pøechod do Normálního módu. Poté pøepi¹ po¾adovaný pøíkaz.

Poznámka: Kurzorové klávesy také fungují, av¹ak pou¾ívání hjkl je rychlej¹í
          jakmile si na nìj zvykne¹.

~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
		     Lekce 1.2: SPU©TÌNÍ A UKONÈENÍ VIM


  !! POZNÁMKA: Pøed vykonáním tìchto krokù si pøeèti celou lekci!!

  1. Stlaè <ESC> (pro uji¹tìní, ¾e se nachází¹ v Normálním módu).

  2. Napi¹:			:q! <ENTER>.

---> Tímto ukonèí¹ editor BEZ ulo¾ení zmìn, které si vykonal.
     Pokud chce¹ ulo¾it zmìny a ukonèit editor napi¹:
				:wq  <ENTER>

  3. A¾ se dostane¹ na pøíkazový øádek, napi¹ pøíkaz, kterým se dostane¹ zpìt
     do této výuky. To mù¾e být: vimtutor <ENTER>
     Bì¾nì se pou¾ívá:		 vim tutor <ENTER>

---> 'vim' znamená spu¹tìní editoru, 'tutor' je soubor k editaci.

  4. Pokud si tyto kroky spolehlivì pamatuje¹, vykonej kroky 1 a¾ 3, èím¾
     ukonèí¹ a znovu spustí¹ editor. Potom pøesuò kurzor dolu na lekci 1.3.
     
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
		     Lekce 1.3: ÚPRAVA TEXTU - MAZÁNÍ


  ** Stisknutím klávesy  x  v Normálním módu sma¾e¹ znak na místì kurzoru. **

  1. Pøesuò kurzor ní¾e na øádek oznaèený --->.

  2. K odstranìní chyb pøejdi kurzorem na znak, který chce¹ smazat.

  3. Stlaè klávesu  x  k odstranìní nechtìných znakù.

  4. Opakuj kroky 2 a¾ 4 dokud není vìta správnì.

---> Krááva skoèèilla pøess mìssíc.

  5. Pokud je vìta správnì, pøejdi na lekci 1.4.

POZNÁMKA: Nesna¾ se pouze zapamatovat pøedvádìné pøíkazy, uè se je pou¾íváním.




~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
		     Lekce 1.4: ÚPRAVA TEXTU - VKLÁDÁNÍ


      ** Stlaèení klávesy  i  v Normálním módu umo¾òuje vkládání textu. **

  1. Pøesuò kurzor na první øádek oznaèený --->.

  2. Pro upravení prvního øádku do podoby øádku druhého, pøesuò kurzor na
     první znak za místo, kde má být text vlo¾ený.

  3. Stlaè  i  a napi¹ potøebný dodatek.

  4. Po opravení ka¾dé chyby stlaè <ESC> pro návrat do Normálního módu.
     Opakuj kroky 2 a¾ 4 dokud není vìta správnì.

---> Nìjaký txt na této .
---> Nìjaký text chybí na této øádce.

  5. Pokud ji¾ ovládá¹ vkládání textu, pøejdi na následující shrnutí.



~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
			       SHRNUTÍ LEKCE 1


  1. Kurzorem se pohybuje pomocí ¹ipek nebo klávesami hjkl.
	h (vlevo)	j (dolu)	k (nahoru)	l (vpravo)

  2. Pro spu¹tìní Vimu (z pøíkazového øádku) napi¹: vim SOUBOR <ENTER>

  3. Pro ukonèení Vimu napi¹: <ESC>  :q!  <ENTER>  bez ulo¾ení zmìn.
	     	       anebo: <ESC>  :wq  <ENTER>  pro ulo¾ení zmìn.

  4. Pro smazání znaku pod kurzorem napi¹ v Normálním módu:  x

  5. Pro vkládání textu od místa kurzoru napi¹ v Normálním módu:
	 i     vkládaný text	<ESC>

POZNÁMKA: Stlaèení <ESC> tì pøemístí do Normálního módu nebo zru¹í nechtìný
      a èásteènì dokonèený pøíkaz.

Nyní pokraèuj Lekcí 2.


~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
			Lekce 2.1: PØÍKAZY MAZÁNÍ


	       ** Pøíkaz  dw  sma¾e znaky do konce slova. **

  1. Stlaè  <ESC>  k ubezpeèení, ¾e jsi v Normálním módu.

  2. Pøesuò kurzor ní¾e na øádek oznaèený --->.

  3. Pøesuò kurzor na zaèátek slova, které je potøeba smazat.

  4. Napi¹   dw	 , aby slovo zmizelo.
